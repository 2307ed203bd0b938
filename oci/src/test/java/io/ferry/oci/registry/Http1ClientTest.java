package io.ferry.oci.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.oci.Digest;
import io.ferry.oci.TransferListener;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP/1.1 transport against a server that writes exactly the bytes each test scripts: framing
 * (length, chunked, none), connection reuse and a server that closed an idle connection, bodies cut
 * short, timeouts and interrupts.
 */
class Http1ClientTest {

  /** Answers one request on a connection; returns false to close the connection afterwards. */
  @FunctionalInterface
  interface Script {
    boolean answer(String requestHead, byte[] requestBody, OutputStream out, int connection)
        throws IOException;
  }

  private final Http1Client client =
      new Http1Client(
          Duration.ofSeconds(5),
          Duration.ofSeconds(5),
          () -> (SSLSocketFactory) SSLSocketFactory.getDefault());
  private ServerSocket server;
  private final AtomicInteger connections = new AtomicInteger();
  private final List<String> heads = new CopyOnWriteArrayList<>();
  private final List<Socket> accepted = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() throws IOException {
    if (server != null) {
      server.close();
    }
    for (Socket socket : accepted) {
      socket.close();
    }
  }

  private URI serve(Script script) throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor =
        new Thread(
            () -> {
              while (!server.isClosed()) {
                try {
                  Socket socket = server.accept();
                  accepted.add(socket);
                  int number = connections.incrementAndGet();
                  Thread handler = new Thread(() -> handle(socket, script, number));
                  handler.setDaemon(true);
                  handler.start();
                } catch (IOException e) {
                  return;
                }
              }
            });
    acceptor.setDaemon(true);
    acceptor.start();
    return URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  private void handle(Socket socket, Script script, int number) {
    try (socket) {
      InputStream in = socket.getInputStream();
      OutputStream out = socket.getOutputStream();
      while (true) {
        String head = readHead(in);
        if (head == null) {
          return;
        }
        heads.add(head);
        byte[] body = new byte[0];
        for (String line : head.split("\r\n")) {
          if (line.toLowerCase().startsWith("content-length:")) {
            body = in.readNBytes(Integer.parseInt(line.substring(15).trim()));
          }
        }
        boolean keep = script.answer(head, body, out, number);
        out.flush();
        if (!keep) {
          return;
        }
      }
    } catch (IOException e) {
      // the client went away
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    for (int b; (b = in.read()) >= 0; ) {
      head.write(b);
      matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
      if (matched == 4) {
        return head.toString(StandardCharsets.ISO_8859_1);
      }
    }
    return null;
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  private HttpResponse<InputStream> get(URI base, String path) throws IOException {
    return client.send(HttpRequest.newBuilder(base.resolve(path)).GET().build());
  }

  private static String text(HttpResponse<InputStream> response) throws IOException {
    try (InputStream body = response.body()) {
      return new String(body.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void readsAChunkedBodyWithExtensionsAndTrailers() throws IOException {
    URI base =
        serve(
            (head, body, out, connection) -> {
              write(
                  out,
                  "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                      + "5;name=value\r\nhello\r\n7\r\n, world\r\n0\r\nX-Trailer: yes\r\n\r\n");
              return true;
            });

    HttpResponse<InputStream> response = get(base, "/v2/");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(text(response)).isEqualTo("hello, world");
    assertThat(text(get(base, "/v2/again"))).isEqualTo("hello, world");
    assertThat(connections.get()).as("the connection is reused after the last chunk").isEqualTo(1);
  }

  @Test
  void sendsHostLengthAndTheRequestsHeadersAndReusesTheConnection() throws IOException {
    URI base =
        serve(
            (head, body, out, connection) -> {
              byte[] answer = ("got " + body.length).getBytes(StandardCharsets.UTF_8);
              write(out, "HTTP/1.1 201 Created\r\nContent-Length: " + answer.length + "\r\n\r\n");
              out.write(answer);
              return true;
            });

    HttpResponse<InputStream> put =
        client.send(
            HttpRequest.newBuilder(base.resolve("/v2/app/blobs/uploads/1?digest=sha256:ab"))
                .header("Authorization", "Bearer token")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[1000]))
                .build());
    String putAnswer = text(put);
    HttpResponse<InputStream> post =
        client.send(
            HttpRequest.newBuilder(base.resolve("/v2/app/blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());

    assertThat(putAnswer).isEqualTo("got 1000");
    assertThat(text(post)).isEqualTo("got 0");
    assertThat(heads.get(0))
        .startsWith("PUT /v2/app/blobs/uploads/1?digest=sha256:ab HTTP/1.1\r\n")
        .contains("Host: 127.0.0.1:" + base.getPort() + "\r\n")
        .contains("Authorization: Bearer token\r\n")
        .contains("Content-Length: 1000\r\n");
    assertThat(heads.get(1)).contains("Content-Length: 0\r\n");
    assertThat(connections.get()).isEqualTo(1);
  }

  @Test
  void sendsAStreamedBodyOpenedAfreshForASecondAttempt() throws IOException {
    URI base =
        serve(
            (head, body, out, connection) -> {
              write(out, "HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n");
              // The first connection is closed without saying so, as an idle timeout would.
              return connection > 1;
            });
    assertThat(text(get(base, "/v2/"))).isEmpty();

    byte[] content = new byte[3 * FileRegion.PIECE + 17];
    OpenCountingSource counted = new OpenCountingSource(content);
    HttpResponse<InputStream> response =
        client.send(
            HttpRequest.newBuilder(base.resolve("/v2/app/blobs/uploads/1"))
                .method(
                    "PATCH",
                    Requests.streamed(
                        counted, 0, content.length, Digest.of(content), TransferListener.NONE))
                .build());

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(connections.get())
        .as("the request went again on a new connection after the pooled one was found closed")
        .isEqualTo(2);
    assertThat(counted.opened()).isBetween(1, 2);
    assertThat(heads.get(heads.size() - 1)).contains("Content-Length: " + content.length);
  }

  @Test
  void sendsARegionOfAFileAsTheBodyAndCountsItsBytes(@TempDir Path dir) throws IOException {
    byte[] blob = new byte[2 * FileRegion.PIECE + 12_345];
    new Random(5).nextBytes(blob);
    Path archive = dir.resolve("bundle.tar");
    byte[] file = new byte[512 + blob.length + 1024];
    System.arraycopy(blob, 0, file, 512, blob.length);
    Files.write(archive, file);
    List<byte[]> bodies = new CopyOnWriteArrayList<>();
    URI base =
        serve(
            (head, body, out, connection) -> {
              bodies.add(body);
              write(out, "HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n");
              return true;
            });
    AtomicLong counted = new AtomicLong();
    Digest digest = Digest.of(blob);
    TransferListener listener =
        new TransferListener() {
          @Override
          public void transferred(Digest transferred, long bytes) {
            counted.addAndGet(bytes);
          }
        };

    HttpResponse<InputStream> response =
        client.send(
            HttpRequest.newBuilder(base.resolve("/v2/app/blobs/uploads/1?digest=" + digest))
                .PUT(
                    Requests.streamed(
                        BlobSource.of(archive, 512, blob.length), 0, blob.length, digest, listener))
                .build());

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(bodies).hasSize(1);
    assertThat(bodies.get(0)).as("exactly the region, nothing around it").isEqualTo(blob);
    assertThat(counted.get()).isEqualTo(blob.length);
  }

  @Test
  void aBodyCutShortFailsNamingWhatIsMissing() throws IOException {
    URI base =
        serve(
            (head, body, out, connection) -> {
              write(out, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789");
              return false;
            });

    HttpResponse<InputStream> response = get(base, "/v2/app/blobs/sha256:ab");

    assertThatThrownBy(() -> response.body().readAllBytes())
        .isInstanceOf(EOFException.class)
        .hasMessageContaining("90 bytes of the answer still to come");
  }

  @Test
  void aHeadAnswerHasNoBodyWhateverItsLengthSays() throws IOException {
    URI base =
        serve(
            (head, body, out, connection) -> {
              write(
                  out,
                  "HTTP/1.1 200 OK\r\nContent-Length: 5000\r\nDocker-Content-Digest: d\r\n\r\n");
              return true;
            });

    HttpResponse<InputStream> first =
        client.send(
            HttpRequest.newBuilder(base.resolve("/v2/app/blobs/sha256:ab"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build());
    HttpResponse<InputStream> second =
        client.send(
            HttpRequest.newBuilder(base.resolve("/v2/app/blobs/sha256:cd"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build());

    assertThat(first.headers().firstValue("docker-content-digest")).contains("d");
    assertThat(text(first)).isEmpty();
    assertThat(second.headers().firstValueAsLong("Content-Length")).hasValue(5000);
    assertThat(connections.get()).isEqualTo(1);
  }

  @Test
  void aBodyWithoutLengthRunsUntilTheServerCloses() throws IOException {
    URI base =
        serve(
            (head, body, out, connection) -> {
              write(out, "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\neverything");
              return false;
            });

    assertThat(text(get(base, "/v2/"))).isEqualTo("everything");
    assertThat(text(get(base, "/v2/"))).isEqualTo("everything");
    assertThat(connections.get()).isEqualTo(2);
  }

  @Test
  void noAnswerWithinTheRequestTimeoutFailsAsATimeout() throws IOException {
    URI base =
        serve(
            (head, body, out, connection) -> {
              try {
                Thread.sleep(5_000);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return false;
            });
    long start = System.nanoTime();

    assertThatThrownBy(
            () ->
                client.send(
                    HttpRequest.newBuilder(base.resolve("/v2/"))
                        .timeout(Duration.ofMillis(300))
                        .GET()
                        .build()))
        .isInstanceOf(HttpTimeoutException.class)
        .hasMessageContaining("no answer from 127.0.0.1:" + base.getPort());
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void anInterruptEndsABlockedReadAtOnce() throws Exception {
    URI base =
        serve(
            (head, body, out, connection) -> {
              write(out, "HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n\r\nabc");
              out.flush();
              try {
                Thread.sleep(10_000);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return false;
            });
    CompletableFuture<Throwable> failure = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () -> {
              try (InputStream body = get(base, "/v2/app/blobs/sha256:ab").body()) {
                body.readAllBytes();
                failure.complete(null);
              } catch (IOException e) {
                failure.complete(e);
              }
            });
    thread.start();
    Thread.sleep(300);
    long start = System.nanoTime();

    thread.interrupt();

    assertThat(failure.get(3, TimeUnit.SECONDS)).isInstanceOf(IOException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
  }
}
