package io.ferry.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.oci.Descriptor;
import io.ferry.oci.Platform;
import io.ferry.oci.manifest.ImageManifest;
import io.ferry.testkit.registry.OciRegistry;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} under clients that ask for a big blob and stop reading it: more of them than it
 * used to have threads for must not keep it from answering others, and their connections are closed
 * once nothing moved for the idle time.
 */
class BundleServeStalledClientsTest {

  private static final int STALLED = 12;

  /** Long enough for the other requests to be answered before a stalled one is dropped. */
  private static final Duration IDLE = Duration.ofSeconds(5);

  @RegisterExtension static final OciRegistry source = TestBundles.sourceRegistry();

  @TempDir static Path shared;
  static BundleServer server;
  static String host;
  static Descriptor bigLayer;

  @BeforeAll
  static void serve() throws Exception {
    // gzip of random bytes is as big as they are: more than every socket buffer on the way
    ImageManifest image =
        new TestImages(TestBundles.client(source))
            .pushSingle("vendor/big", "1.0", "amd64", true, 48 * 1024 * 1024);
    bigLayer = image.layers().stream().max(Comparator.comparingLong(Descriptor::size)).get();
    Path spec = TestBundles.writeSpec(shared, List.of(source.hostAndPort() + "/vendor/big:1.0"));
    Path bundle = shared.resolve("b.tar");
    TestBundles.create(source, spec, bundle, List.of(Platform.parse("linux/amd64")));
    server =
        BundleServer.start(
            bundle,
            new InetSocketAddress("127.0.0.1", 0),
            Optional.of("site"),
            java.util.Map.of(),
            Optional.empty(),
            IDLE);
    host = "127.0.0.1:" + server.address().getPort();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void clientsThatStopReadingNeitherBlockOthersNorStayConnected() throws Exception {
    List<Socket> stalled = new ArrayList<>();
    try {
      for (int i = 0; i < STALLED; i++) {
        Socket socket = new Socket("127.0.0.1", server.address().getPort());
        socket.setReceiveBufferSize(64 * 1024);
        OutputStream out = socket.getOutputStream();
        out.write(
            ("GET /v2/site/big/blobs/"
                    + bigLayer.digest()
                    + " HTTP/1.1\r\nHost: "
                    + host
                    + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        stalled.add(socket); // and never read from
      }
      Thread.sleep(500); // every stalled download has started and filled its buffers

      HttpResponse<String> ping = getWithin2Seconds("/v2/");
      assertThat(ping.statusCode())
          .as("/v2/ answers beside %d stalled downloads", STALLED)
          .isEqualTo(200);
      HttpResponse<String> tags = getWithin2Seconds("/v2/site/big/tags/list");
      assertThat(tags.body()).contains("1.0");

      // Nothing moved for over the idle time: the connection was closed, so reading it to the end
      // now gets only what the buffers on the way held.
      Thread.sleep(IDLE.toMillis() + 2_000);
      Socket first = stalled.get(0);
      first.setSoTimeout(20_000);
      long received = 0;
      long started = System.nanoTime();
      try (InputStream in = first.getInputStream()) {
        byte[] buffer = new byte[1 << 16];
        for (int n; (n = in.read(buffer)) >= 0; ) {
          received += n;
        }
      } catch (java.net.SocketException e) {
        // reset: closed as well
      }
      assertThat(received).as("cut off before the whole blob").isLessThan(bigLayer.size());
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
    } finally {
      for (Socket socket : stalled) {
        socket.close();
      }
    }
  }

  private static HttpResponse<String> getWithin2Seconds(String path) throws Exception {
    return HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(2))
        .build()
        .send(
            HttpRequest.newBuilder(URI.create("http://" + host + path))
                .timeout(Duration.ofSeconds(2))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
