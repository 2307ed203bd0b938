package io.ferry.oci.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import org.jspecify.annotations.Nullable;

/**
 * A JDK {@link HttpRequest} made ready for {@link Http1Connection}: its request line and headers as
 * bytes, and its body as something that can be written again for a second attempt.
 *
 * @param method the request method
 * @param head the request line and headers, ending with the empty line
 * @param bodyLength the body's length, -1 when there is none
 * @param body writes the body; null when there is none
 */
record Http1Request(String method, byte[] head, long bodyLength, @Nullable Body body) {

  /** Writes a request body onto a connection, as often as the request is sent. */
  @FunctionalInterface
  interface Body {
    /** Writes the whole body, exactly {@code bodyLength} bytes, or throws. */
    void writeTo(WritableByteChannel channel) throws IOException;
  }

  /** Headers the connection writes itself, whatever the request says. */
  private static final Set<String> OWN_HEADERS =
      Set.of("host", "content-length", "connection", "transfer-encoding", "expect", "upgrade");

  static Http1Request of(HttpRequest request, Http1Client.Origin origin) throws IOException {
    String method = request.method();
    long length = -1;
    Body body = null;
    HttpRequest.BodyPublisher publisher = request.bodyPublisher().orElse(null);
    if (publisher instanceof StreamBody streamed) {
      length = streamed.contentLength();
      body = streamed::writeTo;
    } else if (publisher != null && publisher.contentLength() != 0) {
      byte[] bytes = collect(publisher);
      length = bytes.length;
      body =
          channel -> {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
              channel.write(buffer);
            }
          };
    } else if (publisher != null && !method.equals("GET") && !method.equals("HEAD")) {
      length = 0; // an empty POST, PUT or PATCH still says so
    }
    StringBuilder head = new StringBuilder(256);
    head.append(method).append(' ').append(target(request.uri())).append(" HTTP/1.1\r\n");
    head.append("Host: ").append(origin.hostHeader()).append("\r\n");
    for (Map.Entry<String, List<String>> header : request.headers().map().entrySet()) {
      if (OWN_HEADERS.contains(header.getKey().toLowerCase(Locale.ROOT))) {
        continue;
      }
      for (String value : header.getValue()) {
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
          throw new IllegalArgumentException(
              "Header " + header.getKey() + " has a line break in its value: " + value);
        }
        head.append(header.getKey()).append(": ").append(value).append("\r\n");
      }
    }
    if (length >= 0) {
      head.append("Content-Length: ").append(length).append("\r\n");
    }
    head.append("\r\n");
    return new Http1Request(method, head.toString().getBytes(StandardCharsets.UTF_8), length, body);
  }

  private static String target(URI uri) {
    String path = uri.getRawPath();
    String query = uri.getRawQuery();
    return (path == null || path.isEmpty() ? "/" : path) + (query == null ? "" : "?" + query);
  }

  /** Reads a small body from any publisher (manifests, JSON): they publish on request. */
  static byte[] collect(HttpRequest.BodyPublisher publisher) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CompletableFuture<byte[]> done = new CompletableFuture<>();
    publisher.subscribe(
        new Flow.Subscriber<ByteBuffer>() {
          @Override
          public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
          }

          @Override
          public void onNext(ByteBuffer item) {
            byte[] bytes = new byte[item.remaining()];
            item.get(bytes);
            out.writeBytes(bytes);
          }

          @Override
          public void onError(Throwable failure) {
            done.completeExceptionally(failure);
          }

          @Override
          public void onComplete() {
            done.complete(out.toByteArray());
          }
        });
    try {
      return done.get();
    } catch (ExecutionException e) {
      throw new IOException("Could not read the request body: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while reading the request body", e);
    }
  }
}
