package io.ferry.oci.registry;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP/1.1 connection of {@link Http1Client}: a blocking socket channel (so an interrupt closes
 * it instead of leaving the thread stuck in a read), with TLS layered on top for {@code https}.
 * Used by one request at a time.
 */
final class Http1Connection implements AutoCloseable {

  private static final int MAX_LINE = 16 * 1024;
  private static final int MAX_HEAD = 256 * 1024;

  /** The status line and headers of an answer. */
  record Head(int status, boolean keepAlive, HttpHeaders headers) {}

  private final Http1Client.Origin origin;
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private volatile boolean answered;
  private volatile long idleSince;

  private Http1Connection(Http1Client.Origin origin, Socket socket) throws IOException {
    this.origin = origin;
    this.socket = socket;
    this.in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
    this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
  }

  static Http1Connection open(
      Http1Client.Origin origin, Duration connectTimeout, Supplier<SSLSocketFactory> tls)
      throws IOException {
    SocketChannel channel = SocketChannel.open();
    Socket socket = channel.socket();
    try {
      socket.setTcpNoDelay(true);
      try {
        socket.connect(
            new InetSocketAddress(origin.socketHost(), origin.port()),
            (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
      } catch (SocketTimeoutException e) {
        throw new HttpConnectTimeoutException(
            "no connection to " + origin.hostHeader() + " within " + connectTimeout);
      }
      if (!origin.secure()) {
        return new Http1Connection(origin, socket);
      }
      SSLSocket ssl =
          (SSLSocket) tls.get().createSocket(socket, origin.socketHost(), origin.port(), true);
      SSLParameters parameters = ssl.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the host
      ssl.setSSLParameters(parameters);
      ssl.setSoTimeout((int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
      try {
        ssl.startHandshake();
      } catch (SocketTimeoutException e) {
        throw new HttpConnectTimeoutException(
            "no TLS handshake with " + origin.hostHeader() + " within " + connectTimeout);
      }
      return new Http1Connection(origin, ssl);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  Http1Client.Origin origin() {
    return origin;
  }

  /** Whether any byte of an answer arrived on this connection since it was last handed out. */
  boolean answered() {
    return answered;
  }

  void markIdle() {
    answered = false;
    idleSince = System.nanoTime();
  }

  boolean idleLongerThan(Duration limit) {
    return System.nanoTime() - idleSince > limit.toNanos();
  }

  /**
   * Sends the request. Over plain HTTP the body is written to the socket channel itself, so a file
   * region goes by {@code sendfile}; over TLS it goes through the encrypting stream.
   */
  void write(Http1Request request) throws IOException {
    out.write(request.head());
    Http1Request.Body body = request.body();
    if (body != null) {
      WritableByteChannel channel;
      if (socket instanceof SSLSocket) {
        channel = new StreamChannel(out);
      } else {
        out.flush();
        channel = socket.getChannel();
      }
      body.writeTo(channel); // exactly the Content-Length, or it throws
    }
    out.flush();
  }

  /** A channel onto the TLS stream, handing heap buffers' arrays to it without another copy. */
  private record StreamChannel(OutputStream out) implements WritableByteChannel {
    @Override
    public int write(ByteBuffer source) throws IOException {
      int n = source.remaining();
      if (source.hasArray()) {
        out.write(source.array(), source.arrayOffset() + source.position(), n);
        source.position(source.limit());
      } else {
        byte[] copy = new byte[n];
        source.get(copy);
        out.write(copy);
      }
      return n;
    }

    @Override
    public boolean isOpen() {
      return true;
    }

    @Override
    public void close() {
      // the connection owns the stream
    }
  }

  /** Reads the status line and headers, skipping {@code 1xx} interim answers. */
  Head readHead(Duration timeout, String method) throws IOException {
    socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    try {
      while (true) {
        String statusLine = readLine(true);
        answered = true;
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
          throw new IOException("the server did not answer in HTTP/1.1: '" + statusLine + "'");
        }
        int status;
        try {
          status = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
          throw new IOException("the server's status line is not valid: '" + statusLine + "'");
        }
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        int headBytes = statusLine.length();
        for (String line = readLine(false); !line.isEmpty(); line = readLine(false)) {
          headBytes += line.length();
          if (headBytes > MAX_HEAD) {
            throw new IOException("the server's answer has more than " + MAX_HEAD + " of headers");
          }
          int colon = line.indexOf(':');
          if (colon <= 0) {
            continue; // not a header (an obsolete line folding): nothing Ferry reads
          }
          headers
              .computeIfAbsent(line.substring(0, colon).trim(), name -> new ArrayList<>())
              .add(line.substring(colon + 1).trim());
        }
        if (status >= 100 && status < 200 && status != 101) {
          continue;
        }
        boolean keepAlive =
            parts[0].equals("HTTP/1.1")
                && headers.getOrDefault("Connection", List.of()).stream()
                    .noneMatch(value -> value.equalsIgnoreCase("close"));
        return new Head(status, keepAlive, HttpHeaders.of(headers, (name, value) -> true));
      }
    } catch (SocketTimeoutException e) {
      throw new HttpTimeoutException(
          "no answer from " + origin.hostHeader() + " to " + method + " within " + timeout);
    }
  }

  /** Sets how long a read of the body may wait for its next byte. */
  void bodyTimeout(Duration timeout) throws IOException {
    socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
  }

  InputStream input() {
    return in;
  }

  /** A line of the head or of chunked framing, without its CRLF. */
  String readLine(boolean first) throws IOException {
    byte[] line = new byte[128];
    int length = 0;
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException(
            first && length == 0
                ? "the connection was closed before an answer came"
                : "the connection was closed in the middle of the answer's head");
      }
      if (b == '\n') {
        if (length > 0 && line[length - 1] == '\r') {
          length--;
        }
        return new String(line, 0, length, StandardCharsets.ISO_8859_1);
      }
      if (length == line.length) {
        if (length >= MAX_LINE) {
          throw new IOException("the server sent a line longer than " + MAX_LINE + " bytes");
        }
        line = Arrays.copyOf(line, length * 2);
      }
      line[length++] = (byte) b;
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // nothing left to do with a connection being dropped
    }
  }
}
