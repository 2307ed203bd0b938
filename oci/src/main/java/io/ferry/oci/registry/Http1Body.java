package io.ferry.oci.registry;

import io.ferry.oci.Streams;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * An answer's body as it comes off an {@link Http1Connection}: {@code Content-Length} bytes,
 * chunked, or everything until the server closes. At its end the connection goes back to the pool
 * (when the server keeps it open); closing the body early drains a small rest so the connection can
 * be reused, and drops the connection otherwise.
 */
final class Http1Body extends InputStream {

  /** A rest up to this size is read off on close to keep the connection; more drops it. */
  private static final long DRAIN_LIMIT = 64 * 1024;

  private enum Framing {
    LENGTH,
    CHUNKED,
    UNTIL_CLOSE
  }

  private final Http1Connection connection;
  private final InputStream in;
  private final Framing framing;
  private final boolean keepAlive;
  private final Consumer<Http1Connection> release;
  private long remaining; // LENGTH: bytes left; CHUNKED: bytes left in the current chunk
  private boolean firstChunk = true;
  private boolean done;
  private boolean closed;

  private Http1Body(
      Http1Connection connection,
      Framing framing,
      long length,
      boolean keepAlive,
      Consumer<Http1Connection> release) {
    this.connection = connection;
    this.in = connection.input();
    this.framing = framing;
    this.remaining = length;
    this.keepAlive = keepAlive;
    this.release = release;
  }

  static InputStream of(
      Http1Connection connection,
      Http1Connection.Head head,
      String method,
      Duration readTimeout,
      Consumer<Http1Connection> release)
      throws IOException {
    int status = head.status();
    Http1Body body;
    if (method.equals("HEAD") || status == 204 || status == 304) {
      body = new Http1Body(connection, Framing.LENGTH, 0, head.keepAlive(), release);
    } else if (head.headers()
        .firstValue("Transfer-Encoding")
        .map(value -> value.toLowerCase(Locale.ROOT).contains("chunked"))
        .orElse(false)) {
      body = new Http1Body(connection, Framing.CHUNKED, 0, head.keepAlive(), release);
    } else if (head.headers().firstValue("Content-Length").isPresent()) {
      long length;
      try {
        length = Long.parseLong(head.headers().firstValue("Content-Length").get().trim());
      } catch (NumberFormatException e) {
        throw new IOException(
            "the server's Content-Length is not a number: "
                + head.headers().firstValue("Content-Length").get());
      }
      if (length < 0) {
        throw new IOException("the server's Content-Length is negative: " + length);
      }
      body = new Http1Body(connection, Framing.LENGTH, length, head.keepAlive(), release);
    } else {
      body = new Http1Body(connection, Framing.UNTIL_CLOSE, 0, false, release);
    }
    connection.bodyTimeout(readTimeout);
    if (body.framing == Framing.LENGTH && body.remaining == 0) {
      body.finish();
    }
    return body;
  }

  @Override
  public int read() throws IOException {
    return Streams.readOneByte(this);
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    if (closed) {
      throw new IOException("the answer's body was closed");
    }
    if (done) {
      return -1;
    }
    if (length == 0) {
      return 0;
    }
    return switch (framing) {
      case LENGTH -> readCounted(buffer, offset, length);
      case CHUNKED -> readChunked(buffer, offset, length);
      case UNTIL_CLOSE -> readToClose(buffer, offset, length);
    };
  }

  private int readCounted(byte[] buffer, int offset, int length) throws IOException {
    int n = in.read(buffer, offset, (int) Math.min(length, remaining));
    if (n < 0) {
      connection.close();
      done = true;
      throw new EOFException(
          "the connection was closed with " + remaining + " bytes of the answer still to come");
    }
    remaining -= n;
    if (remaining == 0) {
      finish();
    }
    return n;
  }

  private int readChunked(byte[] buffer, int offset, int length) throws IOException {
    if (remaining == 0) {
      if (!firstChunk) {
        connection.readLine(false); // the CRLF after the previous chunk's data
      }
      firstChunk = false;
      String sizeLine = connection.readLine(false);
      int extension = sizeLine.indexOf(';');
      String size = (extension >= 0 ? sizeLine.substring(0, extension) : sizeLine).trim();
      try {
        remaining = Long.parseLong(size, 16);
      } catch (NumberFormatException e) {
        throw new IOException("the server's chunked body has a bad chunk size: '" + sizeLine + "'");
      }
      if (remaining == 0) {
        while (!connection.readLine(false).isEmpty()) {
          // trailers: nothing Ferry reads
        }
        finish();
        return -1;
      }
    }
    int n = in.read(buffer, offset, (int) Math.min(length, remaining));
    if (n < 0) {
      connection.close();
      done = true;
      throw new EOFException("the connection was closed in the middle of a chunked answer");
    }
    remaining -= n;
    return n;
  }

  private int readToClose(byte[] buffer, int offset, int length) throws IOException {
    int n = in.read(buffer, offset, length);
    if (n < 0) {
      finish();
    }
    return n;
  }

  private void finish() {
    done = true;
    if (keepAlive && framing != Framing.UNTIL_CLOSE) {
      release.accept(connection);
    } else {
      connection.close();
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    if (!done) {
      if (framing == Framing.LENGTH && keepAlive && remaining <= DRAIN_LIMIT) {
        try {
          in.skipNBytes(remaining);
          remaining = 0;
          finish();
        } catch (IOException e) {
          done = true;
          connection.close();
        }
      } else {
        done = true;
        connection.close();
      }
    }
    closed = true;
  }
}
