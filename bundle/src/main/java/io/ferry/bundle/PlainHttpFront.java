package io.ferry.bundle;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The listening socket of {@code serve}, in front of the JDK's HTTP server: it answers a TLS hello
 * at once with {@code 400} and hands every other connection through unchanged.
 *
 * <p>Docker, skopeo and containerd try HTTPS first on a registry they are told is insecure, and
 * fall back to HTTP when the server answers in plain HTTP ({@code "server gave HTTP response to
 * HTTPS client"}). The JDK's server, handed a TLS hello, waits for the end of a request line that
 * never comes; every connection then cost its client ~2-3 s (the server's time limit on reading a
 * request) and, without {@code --src-tls-verify=false}, an {@code EOF} instead of that message. A
 * Go registry answers {@code 400}, and so does this.
 *
 * <p>A connection whose client has not taken a byte of what is being written to it for {@link
 * #DEFAULT_IDLE} is closed: a client that stopped reading a blob would otherwise hold its threads,
 * and the server's, for as long as it stays connected. A client waiting for a slow answer (a range
 * deep into a layer stored compressed is decompressed from its start first) is not cut off, and an
 * idle keep-alive connection is closed by the JDK's server itself (after 30 s).
 */
final class PlainHttpFront implements AutoCloseable {

  /** The first byte of a TLS record carrying a handshake message (RFC 8446, 5.1). */
  private static final int TLS_HANDSHAKE = 0x16;

  private static final int BUFFER = 64 * 1024;

  /** How long a new connection may stay silent before it is dropped. */
  private static final int FIRST_BYTES_MILLIS = 30_000;

  /** How long a write to a client may be stuck before its connection is closed. */
  static final Duration DEFAULT_IDLE = Duration.ofMinutes(2);

  private static final byte[] TLS_ANSWER =
      ("HTTP/1.0 400 Bad Request\r\n"
              + "Content-Type: text/plain; charset=utf-8\r\n"
              + "Connection: close\r\n\r\n"
              + "ferry bundle serve speaks plain HTTP: use http://, or tell the client that this"
              + " registry is insecure (skopeo --src-tls-verify=false)\n")
          .getBytes(StandardCharsets.UTF_8);

  private final ServerSocket listening;
  private final InetSocketAddress backend;
  private final ExecutorService connections = DaemonPool.cached("ferry-serve-conn");
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final Set<Passage> passages = ConcurrentHashMap.newKeySet();
  private final Thread acceptor;
  private final ScheduledExecutorService watchdog;
  private final long idleNanos;

  private PlainHttpFront(ServerSocket listening, InetSocketAddress backend, Duration idle) {
    this.listening = listening;
    this.backend = backend;
    this.idleNanos = idle.toNanos();
    this.acceptor = new Thread(this::accept, "ferry-serve-accept");
    acceptor.setDaemon(true);
    this.watchdog =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "ferry-serve-idle");
              thread.setDaemon(true);
              return thread;
            });
    long period = Math.max(idle.toMillis() / 4, 100);
    watchdog.scheduleWithFixedDelay(this::closeIdle, period, period, TimeUnit.MILLISECONDS);
  }

  /** Listens on {@code listen} and passes connections on to the HTTP server at {@code backend}. */
  static PlainHttpFront start(InetSocketAddress listen, InetSocketAddress backend)
      throws IOException {
    return start(listen, backend, DEFAULT_IDLE);
  }

  /** As {@link #start(InetSocketAddress, InetSocketAddress)}, closing after {@code idle}. */
  static PlainHttpFront start(InetSocketAddress listen, InetSocketAddress backend, Duration idle)
      throws IOException {
    ServerSocket listening = new ServerSocket();
    try {
      listening.setReuseAddress(true);
      listening.bind(listen, 64);
    } catch (IOException e) {
      listening.close();
      throw e;
    }
    PlainHttpFront front = new PlainHttpFront(listening, backend, idle);
    front.acceptor.start();
    return front;
  }

  /** Where clients connect (with the real port when 0 was asked for). */
  InetSocketAddress address() {
    return (InetSocketAddress) listening.getLocalSocketAddress();
  }

  private void accept() {
    while (!listening.isClosed()) {
      Socket client;
      try {
        client = listening.accept();
      } catch (IOException e) {
        return; // closed
      }
      try {
        connections.execute(() -> serve(client));
      } catch (RuntimeException e) { // shutting down
        closeQuietly(client);
      }
    }
  }

  private void serve(Socket client) {
    open.add(client);
    try (client) {
      client.setTcpNoDelay(true);
      client.setSoTimeout(FIRST_BYTES_MILLIS);
      InputStream in = client.getInputStream();
      byte[] first = new byte[BUFFER];
      int read;
      try {
        read = in.read(first);
      } catch (SocketTimeoutException e) {
        return;
      }
      if (read <= 0) {
        return;
      }
      if ((first[0] & 0xff) == TLS_HANDSHAKE) {
        client.getOutputStream().write(TLS_ANSWER);
        return;
      }
      client.setSoTimeout(0);
      try (Socket server = new Socket()) {
        open.add(server);
        server.setTcpNoDelay(true);
        server.connect(backend);
        server.getOutputStream().write(first, 0, read);
        Passage passage = new Passage(client, server);
        passages.add(passage);
        try {
          Future<?> answers = connections.submit(() -> pump(server, client, passage));
          pump(client, server, passage);
          answers.get();
        } finally {
          passages.remove(passage);
        }
      }
    } catch (Exception e) {
      // the client or the server went away; each side sees its socket closed
    } finally {
      open.removeIf(Socket::isClosed);
    }
  }

  /** A client's connection and the server's for it, with since when a write has been stuck. */
  private static final class Passage {
    final Socket client;
    final Socket server;

    /** When the write to the client under way began, 0 when none is. */
    volatile long writing;

    Passage(Socket client, Socket server) {
      this.client = client;
      this.server = server;
    }
  }

  /** Closes the passages with a write stuck for the idle time; their pumps then end. */
  private void closeIdle() {
    long now = System.nanoTime();
    for (Passage passage : passages) {
      long writing = passage.writing;
      if (writing != 0 && now - writing > idleNanos) {
        closeQuietly(passage.client);
        closeQuietly(passage.server);
      }
    }
  }

  /** Copies until {@code from} ends, then ends what {@code to} receives. */
  private static void pump(Socket from, Socket to, Passage passage) {
    byte[] buffer = new byte[BUFFER];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      boolean toClient = to == passage.client; // only the answers' direction can be stuck on it
      for (int n; (n = in.read(buffer)) > 0; ) {
        if (toClient) {
          passage.writing = System.nanoTime() | 1; // never 0
        }
        out.write(buffer, 0, n);
        if (toClient) {
          passage.writing = 0;
        }
      }
    } catch (IOException e) {
      // one side closed: end the other as well
    } finally {
      try {
        to.shutdownOutput();
      } catch (IOException e) {
        // already closed
      }
    }
  }

  private static void closeQuietly(Closeable socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // nothing more to do
    }
  }

  /** Stops listening and drops the connections still open. */
  @Override
  public void close() {
    closeQuietly(listening);
    watchdog.shutdownNow();
    open.forEach(PlainHttpFront::closeQuietly);
    connections.shutdownNow();
  }
}
