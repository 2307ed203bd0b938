package io.ferry.oci.registry;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.net.ssl.SSLSocketFactory;
import org.jspecify.annotations.Nullable;

/**
 * Sends a registry's requests over HTTP/1.1 on pooled, blocking connections, one request at a time
 * per connection, with bodies streamed between the socket and the caller's streams on the caller's
 * thread. Takes and gives the JDK's {@link HttpRequest} and {@link HttpResponse}, so endpoints are
 * written as for {@link java.net.http.HttpClient}.
 *
 * <p>Why not the JDK's client for this: its asynchronous machinery (a selector thread, executor
 * hand-offs, per-buffer scheduling) cost more than the bytes on the 2-core build machine. Pulling
 * the 816 MiB of the transfer benchmark's blobs 4 at a time, hashing and writing them, took 2.9 s
 * and 4.5 s of CPU through it and 1.7 s and 2.5 s of CPU through plain blocking sockets, and the
 * JIT compiled far less. The JDK client is still used for token servers and Harbor's API.
 *
 * <p>A connection goes back to the pool when a response body is read to its end (or closed with
 * little left, which is then drained); one that sat idle longer than {@link #MAX_IDLE} is dropped.
 * A request that fails on a reused connection before any answer arrived is sent once more on a new
 * one, since the server may have closed the idle connection meanwhile. Blocking reads and writes
 * are interruptible: an interrupt closes the connection and throws.
 */
final class Http1Client {

  static final Duration MAX_IDLE = Duration.ofSeconds(30);
  private static final int MAX_IDLE_PER_ORIGIN = 32;

  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final Supplier<SSLSocketFactory> tls;
  private final Map<Origin, Deque<Http1Connection>> idle = new ConcurrentHashMap<>();

  /**
   * @param connectTimeout how long to wait for a TCP connection and TLS handshake
   * @param readTimeout how long a read may wait for the next byte when the request sets no timeout
   *     (a stalled transfer fails instead of hanging; a slow one goes on)
   * @param tls the TLS socket factory, asked for on the first {@code https} connection
   */
  Http1Client(Duration connectTimeout, Duration readTimeout, Supplier<SSLSocketFactory> tls) {
    this.connectTimeout = connectTimeout;
    this.readTimeout = readTimeout;
    this.tls = tls;
  }

  /** Where connections go: scheme, host and port. */
  record Origin(boolean secure, String host, int port) {
    static Origin of(URI uri) {
      String scheme = String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        throw new IllegalArgumentException("Not an http(s) URL: " + uri);
      }
      if (uri.getHost() == null) {
        throw new IllegalArgumentException("URL has no host: " + uri);
      }
      boolean secure = scheme.equals("https");
      int port = uri.getPort() >= 0 ? uri.getPort() : secure ? 443 : 80;
      return new Origin(secure, uri.getHost(), port);
    }

    /** The {@code Host} header: the port only when it is not the scheme's default. */
    String hostHeader() {
      return port == (secure ? 443 : 80) ? host : host + ":" + port;
    }

    /** The host without IPv6 brackets, for sockets and TLS. */
    String socketHost() {
      return host.startsWith("[") && host.endsWith("]")
          ? host.substring(1, host.length() - 1)
          : host;
    }

    // Written out, as in Digest: the record's own are bound through ObjectMethods on first use,
    // which is every push's first request.
    @Override
    public boolean equals(Object other) {
      return other instanceof Origin origin
          && secure == origin.secure
          && port == origin.port
          && host.equals(origin.host);
    }

    @Override
    public int hashCode() {
      return (host.hashCode() * 31 + port) * 2 + (secure ? 1 : 0);
    }
  }

  /**
   * Sends {@code request} and returns the answer's status and headers; its body streams from the
   * connection and must be read to the end or closed.
   */
  HttpResponse<InputStream> send(HttpRequest request) throws IOException {
    Origin origin = Origin.of(request.uri());
    Http1Request outgoing = Http1Request.of(request, origin);
    Duration headTimeout = request.timeout().orElse(readTimeout);
    while (true) {
      Http1Connection connection = pooled(origin);
      boolean reused = connection != null;
      if (connection == null) {
        connection = Http1Connection.open(origin, connectTimeout, tls);
      }
      try {
        connection.write(outgoing);
        Http1Connection.Head head = connection.readHead(headTimeout, outgoing.method());
        InputStream body =
            Http1Body.of(connection, head, outgoing.method(), readTimeout, this::release);
        return new Http1Response(head.status(), head.headers(), body, request);
      } catch (IOException e) {
        connection.close();
        if (reused && !connection.answered() && !Thread.currentThread().isInterrupted()) {
          continue; // the server closed the idle connection meanwhile: once more, on a new one
        }
        throw e;
      }
    }
  }

  private @Nullable Http1Connection pooled(Origin origin) {
    Deque<Http1Connection> connections = idle.get(origin);
    if (connections == null) {
      return null;
    }
    while (true) {
      Http1Connection connection;
      synchronized (connections) {
        connection = connections.pollFirst();
      }
      if (connection == null) {
        return null;
      }
      if (connection.idleLongerThan(MAX_IDLE)) {
        connection.close();
        continue;
      }
      return connection;
    }
  }

  private void release(Http1Connection connection) {
    Deque<Http1Connection> connections =
        idle.computeIfAbsent(connection.origin(), origin -> new ArrayDeque<>());
    connection.markIdle();
    Http1Connection dropped = null;
    synchronized (connections) {
      connections.offerFirst(connection);
      if (connections.size() > MAX_IDLE_PER_ORIGIN) {
        dropped = connections.pollLast();
      }
    }
    if (dropped != null) {
      dropped.close();
    }
  }
}
