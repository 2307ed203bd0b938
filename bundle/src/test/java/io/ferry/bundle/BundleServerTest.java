package io.ferry.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.oci.Digest;
import io.ferry.oci.MediaTypes;
import io.ferry.oci.Platform;
import io.ferry.oci.auth.CredentialProvider;
import io.ferry.oci.manifest.ImageIndex;
import io.ferry.oci.manifest.ImageManifest;
import io.ferry.oci.manifest.Manifest;
import io.ferry.oci.registry.RegistryClient;
import io.ferry.oci.registry.TransportOptions;
import io.ferry.testkit.RealService;
import io.ferry.testkit.registry.OciRegistry;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve}: a read-only registry from the bundle file, read by skopeo and Ferry's client. */
class BundleServerTest {

  @RegisterExtension static final OciRegistry source = new OciRegistry();

  @TempDir static Path shared;
  static CreateResult created;
  static BundleServer server;
  static String host;

  @TempDir Path dir;

  @BeforeAll
  static void serve() throws Exception {
    RegistryClients clients =
        new RegistryClients(CredentialProvider.anonymous(), TransportOptions.defaults());
    TestImages images = new TestImages(clients.client(source.hostAndPort()));
    images.pushMultiArch("vendor/app", "1.0", true, 50_000);
    images.pushMultiArch("vendor/web", "2.1", false, 30_000);
    images.pushSingle("library/tool", "1.36", "amd64", false, 10_000);
    images.pushSingle("vendor/app", "1.1", "amd64", true, 10_000);
    String h = source.hostAndPort();
    Path spec =
        TestBundles.writeSpec(
            shared,
            List.of(
                h + "/vendor/app:1.0",
                h + "/vendor/web:2.1",
                h + "/library/tool:1.36",
                h + "/vendor/app:1.1"));
    Path bundle = shared.resolve("b.tar");
    created =
        new BundleCreator(clients, Clock.systemUTC(), CreateListener.NONE)
            .create(
                new CreateRequest(
                    spec,
                    Optional.empty(),
                    bundle,
                    List.of(Platform.parse("linux/amd64")),
                    Optional.empty()));
    server =
        BundleServer.start(
            bundle, new InetSocketAddress("127.0.0.1", 0), Optional.empty(), Optional.empty());
    host = "127.0.0.1:" + server.address().getPort();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void skopeoCopiesEveryImageOutOfTheServedBundleWithItsDigest() throws Exception {
    Path skopeo = RealService.require(Path.of("/usr/bin/skopeo"), "skopeo");
    assertThat(server.repositories()).containsExactly("project/app", "project/tool", "project/web");
    for (BundleIndex.Image image : created.index().images()) {
      String repository = "project/" + image.source().replaceAll(".*/([^/:]+):.*", "$1");
      String tag = image.source().replaceAll(".*:", "");
      String raw =
          BundleCreatorTest.run(
              List.of(
                  skopeo.toString(),
                  "inspect",
                  "--raw",
                  "--tls-verify=false",
                  "docker://" + host + "/" + repository + ":" + tag));
      assertThat(Digest.of(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString())
          .isEqualTo(image.digest());
      Path layout = dir.resolve(repository.replace('/', '-'));
      // skopeo must convert Docker media types to write an OCI layout, which changes their digests
      boolean oci = image.mediaType().contains("vnd.oci.");
      List<String> copy =
          new java.util.ArrayList<>(
              List.of(skopeo.toString(), "copy", "--all", "--src-tls-verify=false"));
      if (oci) {
        copy.add("--preserve-digests");
      }
      copy.addAll(
          List.of("docker://" + host + "/" + repository + ":" + tag, "oci:" + layout + ":" + tag));
      long started = System.nanoTime();
      BundleCreatorTest.run(copy);
      System.err.println("skopeo copy took " + (System.nanoTime() - started) / 1_000_000 + " ms");
      String index = Files.readString(layout.resolve("index.json"));
      if (oci) {
        assertThat(index).contains(image.digest());
      }
    }
  }

  @Test
  void ferrysClientPullsVerifiedManifestsAndBlobsAndTagsAndCatalog() throws Exception {
    RegistryClient client = RegistryClient.builder(host).build();
    assertThat(client.catalog()).containsExactly("project/app", "project/tool", "project/web");
    assertThat(client.listTags("project/tool")).containsExactly("1.36");
    Manifest tool = client.pullManifest("project/tool", "1.36");
    assertThat(tool.digest().toString()).isEqualTo(created.index().images().get(2).digest());
    for (var blob : ((ImageManifest) tool).blobs()) {
      try (InputStream in = client.pullBlob("project/tool", blob)) {
        assertThat(in.readAllBytes()).hasSize((int) blob.size());
      }
    }
    assertThat(client.checkManifest("project/tool", tool.digest().toString())).isPresent();
    assertThat(client.checkManifest("project/tool", "9.9")).isEmpty();
  }

  @Test
  void servesRangesAndRefusesWritesWithDistributionErrorCodes() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    ImageManifest tool =
        (ImageManifest) RegistryClient.builder(host).build().pullManifest("project/tool", "1.36");
    var layer = tool.layers().get(0);
    HttpResponse<byte[]> range =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://" + host + "/v2/project/tool/blobs/" + layer.digest()))
                .header("Range", "bytes=10-19")
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(range.statusCode()).isEqualTo(206);
    assertThat(range.body()).hasSize(10);
    assertThat(range.headers().firstValue("Content-Range")).hasValue("bytes 10-19/" + layer.size());

    HttpResponse<byte[]> suffix =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://" + host + "/v2/project/tool/blobs/" + layer.digest()))
                .header("Range", "bytes=-5")
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(suffix.statusCode()).as("the last 5 bytes").isEqualTo(206);
    assertThat(suffix.body()).hasSize(5);
    assertThat(suffix.headers().firstValue("Content-Range"))
        .hasValue("bytes " + (layer.size() - 5) + "-" + (layer.size() - 1) + "/" + layer.size());

    HttpResponse<String> put =
        http.send(
            HttpRequest.newBuilder(URI.create("http://" + host + "/v2/project/tool/manifests/evil"))
                .PUT(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(put.statusCode()).isEqualTo(405);
    assertThat(put.body()).contains("\"UNSUPPORTED\"");

    String toolDigest = created.index().images().get(2).digest();
    for (String[] write :
        List.of(
            new String[] {"POST", "/v2/project/tool/blobs/uploads/"},
            new String[] {"PATCH", "/v2/project/tool/blobs/uploads/some-session"},
            new String[] {
              "PUT", "/v2/project/tool/blobs/uploads/some-session?digest=" + toolDigest
            },
            new String[] {"DELETE", "/v2/project/tool/manifests/" + toolDigest},
            new String[] {"DELETE", "/v2/project/tool/blobs/" + toolDigest})) {
      HttpResponse<String> refused =
          http.send(
              HttpRequest.newBuilder(URI.create("http://" + host + write[1]))
                  .method(write[0], HttpRequest.BodyPublishers.ofString("x"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(refused.statusCode()).as(write[0] + " " + write[1]).isEqualTo(405);
      assertThat(new ObjectMapper().readTree(refused.body()).at("/errors/0/code").asText())
          .as(write[0] + " " + write[1])
          .isEqualTo("UNSUPPORTED");
    }
    assertThat(RegistryClient.builder(host).build().checkManifest("project/tool", toolDigest))
        .as("nothing was deleted")
        .isPresent();

    HttpResponse<String> base =
        http.send(
            HttpRequest.newBuilder(URI.create("http://" + host + "/v2/")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(base.statusCode()).isEqualTo(200);
    assertThat(base.headers().firstValue("Docker-Distribution-API-Version"))
        .hasValue("registry/2.0");

    HttpResponse<String> unknown =
        http.send(
            HttpRequest.newBuilder(URI.create("http://" + host + "/v2/nope/x/manifests/1.0"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("NAME_UNKNOWN");

    HttpResponse<Void> head =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://" + host + "/v2/project/tool/blobs/" + layer.digest()))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.discarding());
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.headers().firstValue("Docker-Content-Digest"))
        .hasValue(layer.digest().toString());
    assertThat(head.headers().firstValueAsLong("Content-Length")).hasValue(layer.size());
  }

  @Test
  void tagsAndCatalogArePagedWithNAndLastFollowingTheLinkHeader() throws Exception {
    RegistryClient client = RegistryClient.builder(host).pageSize(1).build();
    assertThat(client.catalog()).containsExactly("project/app", "project/tool", "project/web");
    assertThat(client.listTags("project/app")).containsExactly("1.0", "1.1");

    HttpResponse<String> first = get("/v2/project/app/tags/list?n=1");
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.body()).isEqualTo("{\"name\":\"project/app\",\"tags\":[\"1.0\"]}");
    assertThat(first.headers().firstValue("Link"))
        .hasValue("</v2/project/app/tags/list?n=1&last=1.0>; rel=\"next\"");
    HttpResponse<String> second = get("/v2/project/app/tags/list?n=1&last=1.0");
    assertThat(second.body()).contains("\"tags\":[\"1.1\"]");
    assertThat(second.headers().firstValue("Link")).isEmpty();
    assertThat(get("/v2/project/app/tags/list?last=1.0").body()).contains("\"tags\":[\"1.1\"]");
    assertThat(get("/v2/project/app/tags/list?n=0").body()).contains("\"tags\":[]");
    HttpResponse<String> catalog = get("/v2/_catalog?n=2");
    assertThat(catalog.body()).isEqualTo("{\"repositories\":[\"project/app\",\"project/tool\"]}");
    assertThat(catalog.headers().firstValue("Link"))
        .hasValue("</v2/_catalog?n=2&last=project%2Ftool>; rel=\"next\"");

    HttpResponse<String> invalid = get("/v2/_catalog?n=many");
    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(invalid.body()).contains("PAGINATION_NUMBER_INVALID").contains("n=many");
  }

  @Test
  void aClientWithoutManifestListsGetsTheAmd64ManifestByTagAsFromDistribution() throws Exception {
    RegistryClient client = RegistryClient.builder(host).build();
    for (String[] image :
        List.of(
            new String[] {"project/web", "2.1", MediaTypes.DOCKER_MANIFEST},
            new String[] {"project/app", "1.0", MediaTypes.OCI_MANIFEST})) {
      String repository = image[0];
      String tag = image[1];
      String single = image[2];
      ImageIndex index = (ImageIndex) client.pullManifest(repository, tag);
      Manifest amd64 =
          client.pullManifest(repository, index.manifests().get(0).digest().toString());
      String path = "/v2/" + repository + "/manifests/" + tag;

      for (String method : List.of("GET", "HEAD")) {
        HttpResponse<byte[]> child = send(method, path, List.of(single));
        assertThat(child.statusCode()).as(method + " " + path).isEqualTo(200);
        assertThat(child.headers().firstValue("Content-Type")).hasValue(single);
        assertThat(child.headers().firstValue("Docker-Content-Digest"))
            .hasValue(amd64.digest().toString());
      }
      assertThat(send("GET", path, List.of(single)).body()).isEqualTo(amd64.raw());
      assertThat(send("GET", path, List.of(single)).headers().firstValue("Vary"))
          .hasValue("Accept");
      assertThat(send("GET", path, List.of(single + ", " + index.mediaType() + "; q=0")).body())
          .as("a type with q=0 is one the client refuses")
          .isEqualTo(amd64.raw());
      assertThat(send("GET", path, List.of("application/json;q=0.5, " + single + ";q=0.9")).body())
          .as("media types with parameters, in one header")
          .isEqualTo(amd64.raw());

      for (List<String> accept :
          List.<List<String>>of(
              List.of(),
              List.of("*/*"),
              List.of("application/*"),
              List.of(single, index.mediaType()),
              List.of(single, MediaTypes.OCI_INDEX + ", " + MediaTypes.DOCKER_MANIFEST_LIST))) {
        HttpResponse<byte[]> whole = send("GET", path, accept);
        assertThat(whole.headers().firstValue("Docker-Content-Digest"))
            .as("Accept %s", accept)
            .hasValue(index.digest().toString());
        assertThat(whole.body()).as("Accept %s", accept).isEqualTo(index.raw());
      }
      HttpResponse<byte[]> byDigest =
          send("GET", "/v2/" + repository + "/manifests/" + index.digest(), List.of(single));
      assertThat(byDigest.body())
          .as("by digest only the bytes of that digest can be sent")
          .isEqualTo(index.raw());
      HttpResponse<byte[]> neither = send("GET", path, List.of(MediaTypes.OCI_CONFIG));
      assertThat(neither.statusCode()).isEqualTo(200);
      assertThat(neither.body())
          .as("a client that takes neither gets what is stored, typed")
          .isEqualTo(index.raw());
    }
  }

  @Test
  void answersConditionalRequestsAndLooseRangesAndSaysWhatMethodsItTakes() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    ImageManifest tool =
        (ImageManifest) RegistryClient.builder(host).build().pullManifest("project/tool", "1.36");
    var layer = tool.layers().get(0);
    URI blob = URI.create("http://" + host + "/v2/project/tool/blobs/" + layer.digest());
    String etag = "\"" + layer.digest() + "\"";

    HttpResponse<byte[]> cached =
        http.send(
            HttpRequest.newBuilder(blob).header("If-None-Match", etag).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(cached.statusCode()).as("the client has it").isEqualTo(304);
    assertThat(cached.body()).isEmpty();
    HttpResponse<byte[]> manifest =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://" + host + "/v2/project/tool/manifests/" + tool.digest()))
                .header("If-None-Match", "\"" + tool.digest() + "\"")
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(manifest.statusCode()).isEqualTo(304);

    HttpResponse<byte[]> spaced =
        http.send(
            HttpRequest.newBuilder(blob).header("Range", "bytes= 0-5").build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(spaced.statusCode()).isEqualTo(206);
    assertThat(spaced.body()).hasSize(6);
    assertThat(spaced.headers().firstValue("ETag")).hasValue(etag);

    HttpResponse<byte[]> otherContent =
        http.send(
            HttpRequest.newBuilder(blob)
                .header("Range", "bytes=0-5")
                .header("If-Range", "\"sha256:" + "0".repeat(64) + "\"")
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(otherContent.statusCode())
        .as("If-Range names other content: all of it")
        .isEqualTo(200);
    assertThat(otherContent.body()).hasSize((int) layer.size());

    HttpResponse<byte[]> delete =
        send("DELETE", "/v2/project/tool/blobs/" + layer.digest(), List.of());
    assertThat(delete.statusCode()).isEqualTo(405);
    assertThat(delete.headers().firstValue("Allow")).hasValue("GET, HEAD");

    assertThat(get("/v2/_catalog?n=99999999999").statusCode())
        .as("more than there is: all of it")
        .isEqualTo(200);
  }

  private static HttpResponse<byte[]> send(String method, String path, List<String> accept)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://" + host + path))
            .method(method, HttpRequest.BodyPublishers.noBody());
    accept.forEach(value -> request.header("Accept", value));
    return HttpClient.newHttpClient()
        .send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://" + host + path)).build(),
            HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void answersATlsHelloAtOnceWithPlainHttp400SoClientsFallBackToHttp() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", server.address().getPort())) {
      socket.setSoTimeout(10_000);
      // the start of a TLS record carrying a ClientHello, as clients that try HTTPS first send it
      socket
          .getOutputStream()
          .write(new byte[] {0x16, 0x03, 0x01, 0x00, 0x04, 0x01, 0x00, 0x00, 0x00});
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(answer).startsWith("HTTP/1.0 400 Bad Request\r\n").contains("plain HTTP");
    }
  }

  @Test
  void skopeoWithTlsVerificationSaysTheServerSpeaksHttp() throws Exception {
    Path skopeo = RealService.require(Path.of("/usr/bin/skopeo"), "skopeo");
    Process inspect =
        new ProcessBuilder(
                skopeo.toString(), "inspect", "--raw", "docker://" + host + "/project/tool:1.36")
            .redirectErrorStream(true)
            .start();
    inspect.getOutputStream().close();
    String output = new String(inspect.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(inspect.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(inspect.exitValue()).isNotZero();
    // Go's message for a plain-HTTP answer to a TLS hello, instead of an EOF after a time limit
    assertThat(output).contains("server gave HTTP response to HTTPS client");
  }

  @Test
  void aTakenPortIsReportedWithTheAddressAndWhatToDo() {
    int port = server.address().getPort();
    assertThatThrownBy(
            () ->
                BundleServer.start(
                    shared.resolve("b.tar"),
                    new InetSocketAddress("127.0.0.1", port),
                    Optional.empty(),
                    Optional.empty()))
        .isInstanceOf(BundleException.class)
        .hasMessageContaining("Tried to listen on 127.0.0.1:" + port + " but failed")
        .hasMessageContaining("pick another port with --listen");
  }

  @Test
  void byteRangesAreClippedToTheBlobAndEmptyOrReversedOnesRefused() {
    assertThat(BundleServer.byteRange("bytes=0-", 100)).containsExactly(0, 99);
    assertThat(BundleServer.byteRange("bytes=90-200", 100)).containsExactly(90, 99);
    assertThat(BundleServer.byteRange("bytes=-10", 100)).containsExactly(90, 99);
    assertThat(BundleServer.byteRange("bytes=-500", 100)).containsExactly(0, 99);
    assertThat(BundleServer.byteRange("bytes=100-", 100)).isNull();
    assertThat(BundleServer.byteRange("bytes=20-10", 100)).isNull();
    assertThat(BundleServer.byteRange("bytes=-0", 100)).isNull();
    assertThat(BundleServer.byteRange("bytes=-", 100)).isNull();
    assertThat(BundleServer.byteRange("bytes=99999999999999999999-", 100)).isNull();
  }
}
