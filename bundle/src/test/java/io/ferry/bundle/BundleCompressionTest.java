package io.ferry.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.oci.Descriptor;
import io.ferry.oci.Digest;
import io.ferry.oci.MediaTypes;
import io.ferry.oci.Platform;
import io.ferry.oci.TransferListener;
import io.ferry.oci.auth.CredentialProvider;
import io.ferry.oci.layout.OciLayout;
import io.ferry.oci.manifest.ImageManifest;
import io.ferry.oci.registry.BlobSource;
import io.ferry.oci.registry.RegistryClient;
import io.ferry.oci.registry.TransportOptions;
import io.ferry.testkit.RealService;
import io.ferry.testkit.registry.OciRegistry;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A layer that comes uncompressed (a plain tar) is stored gzip-compressed in the bundle, and
 * everything that reads it gets its own bytes back: verify, push, serve; a gzip layer is stored as
 * it is.
 */
class BundleCompressionTest {

  @RegisterExtension static final OciRegistry source = TestBundles.sourceRegistry();
  @RegisterExtension static final OciRegistry target = new OciRegistry();

  @TempDir static Path shared;
  static byte[] plain;
  static Descriptor plainLayer;
  static byte[] plain2;
  static Descriptor plainLayer2;
  static Descriptor gzipLayer;
  static ImageManifest image;
  static Path bundle;
  static CreateResult created;

  @TempDir Path dir;

  @BeforeAll
  static void createBundle() throws Exception {
    StringBuilder text = new StringBuilder();
    for (int i = 0; text.length() < 2_000_000; i++) {
      text.append("usr/share/doc/package-").append(i % 977).append("/copyright\n");
    }
    plain = text.toString().getBytes(StandardCharsets.UTF_8);
    plainLayer = Descriptor.of(MediaTypes.OCI_LAYER, plain);
    plain2 = text.reverse().toString().substring(0, 300_000).getBytes(StandardCharsets.UTF_8);
    plainLayer2 = Descriptor.of(MediaTypes.OCI_LAYER, plain2);
    byte[] random = new byte[60_000];
    new java.util.Random(7).nextBytes(random);
    gzipLayer = Descriptor.of(MediaTypes.OCI_LAYER_GZIP, random);
    byte[] config =
        "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}"
            .getBytes(StandardCharsets.UTF_8);
    Descriptor configBlob = Descriptor.of(MediaTypes.OCI_CONFIG, config);
    RegistryClient client = TestBundles.client(source);
    client.pushBlob("vendor/plain", plainLayer, BlobSource.of(plain), TransferListener.NONE);
    client.pushBlob("vendor/plain", plainLayer2, BlobSource.of(plain2), TransferListener.NONE);
    client.pushBlob("vendor/plain", gzipLayer, BlobSource.of(random), TransferListener.NONE);
    client.pushBlob("vendor/plain", configBlob, BlobSource.of(config), TransferListener.NONE);
    image =
        ImageManifest.of(
            MediaTypes.OCI_MANIFEST,
            configBlob,
            List.of(plainLayer, plainLayer2, gzipLayer),
            Map.of());
    client.pushManifest("vendor/plain", "1.0", image);
    Path spec = TestBundles.writeSpec(shared, List.of(source.hostAndPort() + "/vendor/plain:1.0"));
    bundle = shared.resolve("b.tar");
    created = TestBundles.create(source, spec, bundle, List.of(Platform.parse("linux/amd64")));
  }

  private static PushResult push(RegistryClients clients, String project, int parallel) {
    return push(bundle, clients, project, parallel);
  }

  private static PushResult push(Path file, RegistryClients clients, String project, int parallel) {
    return new BundlePusher(clients, PushListener.NONE)
        .push(
            new PushRequest(
                file,
                Optional.of(target.hostAndPort()),
                Optional.of(project),
                Map.of(),
                parallel,
                false,
                Optional.empty()));
  }

  private static BundleIndex.Blob listed(Descriptor blob) {
    return created.index().blob(blob.digest()).orElseThrow();
  }

  @Test
  void anUncompressedLayerIsStoredGzippedAndAGzipLayerAsItIs() throws Exception {
    BundleIndex.Blob stored = listed(plainLayer);
    assertThat(created.index().format()).isEqualTo(BundleIndex.FORMAT_COMPRESSED);
    assertThat(stored.encoding()).isEqualTo("gzip");
    assertThat(stored.size()).isEqualTo(plain.length);
    assertThat(stored.storedSize()).isLessThan(plain.length / 5L);
    assertThat(listed(gzipLayer).encoding()).isNull();
    assertThat(Files.size(bundle))
        .as("the bundle is smaller than the plain layer")
        .isLessThan(plain.length);

    BundleFile file = BundleFile.open(bundle);
    assertThat(file.entry(OciLayout.blobPath(plainLayer.digest()))).isEmpty();
    BundleFile.Entry entry =
        file.entry(BundleLayout.gzipBlobPath(plainLayer.digest())).orElseThrow();
    assertThat(entry.size()).isEqualTo(stored.storedSize());
    try (InputStream in = new GZIPInputStream(file.source(entry).open(0))) {
      assertThat(in.readAllBytes()).as("plain gunzip gives the layer back").isEqualTo(plain);
    }
    assertThat(new BundleVerifier().verify(file, Optional.empty()).problems()).isEmpty();
  }

  @Test
  void aPlainLayerWhoseStartDoesNotCompressIsStoredAsItIs() throws Exception {
    // a tar of content that is compressed already (jars, images): gzip would cost a core's time
    byte[] noise = new byte[1_500_000];
    new java.util.Random(11).nextBytes(noise);
    Descriptor noiseLayer = Descriptor.of(MediaTypes.OCI_LAYER, noise);
    byte[] config =
        "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\"}}"
            .getBytes(StandardCharsets.UTF_8);
    Descriptor configBlob = Descriptor.of(MediaTypes.OCI_CONFIG, config);
    RegistryClient client = TestBundles.client(source);
    client.pushBlob("vendor/noise", noiseLayer, BlobSource.of(noise), TransferListener.NONE);
    client.pushBlob("vendor/noise", plainLayer2, BlobSource.of(plain2), TransferListener.NONE);
    client.pushBlob("vendor/noise", configBlob, BlobSource.of(config), TransferListener.NONE);
    ImageManifest noisy =
        ImageManifest.of(
            MediaTypes.OCI_MANIFEST, configBlob, List.of(noiseLayer, plainLayer2), Map.of());
    client.pushManifest("vendor/noise", "1.0", noisy);
    Path spec = TestBundles.writeSpec(dir, List.of(source.hostAndPort() + "/vendor/noise:1.0"));
    Path file = dir.resolve("noise.tar");
    CreateResult result =
        TestBundles.create(source, spec, file, List.of(Platform.parse("linux/amd64")));

    BundleIndex.Blob listedNoise = result.index().blob(noiseLayer.digest()).orElseThrow();
    assertThat(listedNoise.encoding()).isNull();
    assertThat(result.index().blob(plainLayer2.digest()).orElseThrow().encoding())
        .as("the text layer beside it is still compressed")
        .isEqualTo("gzip");
    BundleFile opened = BundleFile.open(file);
    assertThat(opened.entry(BundleLayout.gzipBlobPath(noiseLayer.digest()))).isEmpty();
    assertThat(opened.entry(OciLayout.blobPath(noiseLayer.digest())).orElseThrow().size())
        .isEqualTo(noise.length);
    assertThat(new BundleVerifier().verify(opened, Optional.empty()).problems()).isEmpty();

    RegistryClients clients =
        new RegistryClients(CredentialProvider.anonymous(), TransportOptions.defaults());
    push(file, clients, "noise", 2);
    RegistryClient site = clients.client(target.hostAndPort());
    assertThat(site.pullManifest("noise/noise", "1.0").digest()).isEqualTo(noisy.digest());
    assertThat(site.checkBlob("noise/noise", noiseLayer.digest()))
        .isEqualTo(OptionalLong.of(noise.length));
  }

  @Test
  void aSampleOfTextCompressesAndOneOfNoiseDoesNot() {
    byte[] noise = new byte[1 << 20];
    new java.util.Random(5).nextBytes(noise);
    assertThat(TarBundleWriter.compressible(noise)).isFalse();
    assertThat(TarBundleWriter.compressible(Arrays.copyOf(plain, 1 << 20))).isTrue();
  }

  @Test
  void compressedLayersGoInTheirOrderSoOneAtATimeOrFourWriteTheSameBytes() throws Exception {
    Path spec = TestBundles.writeSpec(dir, List.of(source.hostAndPort() + "/vendor/plain:1.0"));
    java.time.Clock clock =
        java.time.Clock.fixed(
            java.time.Instant.parse("2026-11-27T00:00:00Z"), java.time.ZoneOffset.UTC);
    Path one = dir.resolve("one.tar");
    Path four = dir.resolve("four.tar");
    TestBundles.create(
        source, spec, one, List.of(Platform.parse("linux/amd64")), 1, clock, CreateListener.NONE);
    TestBundles.create(
        source, spec, four, List.of(Platform.parse("linux/amd64")), 4, clock, CreateListener.NONE);

    assertThat(listed(plainLayer2).encoding()).isEqualTo("gzip");
    assertThat(Files.readAllBytes(four)).isEqualTo(Files.readAllBytes(one));
  }

  @Test
  void anIndexThatStoresABlobCompressedOutsideV3OrWithoutItsSizeIsRefused() {
    String index = new String(created.index().toJson(), StandardCharsets.UTF_8);
    String v2 = index.replace(BundleIndex.FORMAT_COMPRESSED, BundleIndex.FORMAT);
    assertThat(v2).isNotEqualTo(index);
    assertThatThrownBy(() -> BundleIndex.parse(v2.getBytes(StandardCharsets.UTF_8), "test"))
        .hasMessageContaining("stores a blob compressed but says format 'ferry.dev/bundle/v2'");
    String noEncoding = index.replaceFirst("\"encoding\" : \"gzip\",", "");
    assertThat(noEncoding).isNotEqualTo(index);
    assertThatThrownBy(() -> BundleIndex.parse(noEncoding.getBytes(StandardCharsets.UTF_8), "test"))
        .hasMessageContaining("only a plain-tar layer is stored compressed");
  }

  /** A copy of the bundle with one byte flipped in the middle of the layer's compressed form. */
  private Path withFlippedCompressedByte(String name) throws Exception {
    Path copy = dir.resolve(name);
    Files.copy(bundle, copy);
    BundleFile.Entry entry =
        BundleFile.open(copy).entry(BundleLayout.gzipBlobPath(plainLayer.digest())).orElseThrow();
    TarSurgery.flipByte(copy, entry.offset() + entry.size() / 2);
    return copy;
  }

  @Test
  void aPushOfACorruptedCompressedLayerSaysTheBundleIsCorrupted() throws Exception {
    Path copy = withFlippedCompressedByte("corrupt.tar");
    RegistryClients clients =
        new RegistryClients(CredentialProvider.anonymous(), TransportOptions.defaults());

    assertThatThrownBy(() -> push(copy, clients, "corrupt", 2))
        .hasMessageContaining("blob " + plainLayer.digest())
        .hasMessageContaining("corrupted")
        .hasMessageContaining("no image was tagged");
  }

  @Test
  void aFlippedByteInTheCompressedFormIsNamedByVerify() throws Exception {
    Path copy = withFlippedCompressedByte("flipped.tar");

    assertThat(new BundleVerifier().verify(BundleFile.open(copy), Optional.empty()).problems())
        .singleElement()
        .asString()
        .contains("blob " + plainLayer.digest())
        .contains("corrupted")
        .doesNotContain("ferry bundle verify") // it is what ran
        .containsOnlyOnce("decompress");
  }

  @Test
  void pushAndServeSendTheLayersOwnBytes() throws Exception {
    RegistryClients clients =
        new RegistryClients(CredentialProvider.anonymous(), TransportOptions.defaults());
    PushResult pushed = push(clients, "site", 2);
    RegistryClient site = clients.client(target.hostAndPort());
    assertThat(site.checkBlob("site/plain", plainLayer.digest()))
        .isEqualTo(OptionalLong.of(plain.length));
    assertThat(site.pullManifest("site/plain", "1.0").digest()).isEqualTo(image.digest());
    assertThat(pushed.bytesSent()).isGreaterThanOrEqualTo(plain.length);

    try (BundleServer server =
        BundleServer.start(
            bundle, new InetSocketAddress("127.0.0.1", 0), Optional.empty(), Optional.empty())) {
      String host = "127.0.0.1:" + server.address().getPort();
      RegistryClient served = RegistryClient.builder(host).build();
      try (InputStream in = served.pullBlob("project/plain", plainLayer)) {
        assertThat(in.readAllBytes()).isEqualTo(plain); // the client checks the digest too
      }
      HttpResponse<byte[]> range =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(
                              "http://" + host + "/v2/project/plain/blobs/" + plainLayer.digest()))
                      .header("Range", "bytes=1000000-1000099")
                      .build(),
                  HttpResponse.BodyHandlers.ofByteArray());
      assertThat(range.statusCode()).isEqualTo(206);
      assertThat(range.body()).isEqualTo(Arrays.copyOfRange(plain, 1_000_000, 1_000_100));
      assertThat(range.headers().firstValue("Content-Range"))
          .hasValue("bytes 1000000-1000099/" + plain.length);
    }
  }

  @Test
  void aChunkedPushReadsTheLayerOnFromWhereEachChunkEnded() throws Exception {
    BlobSource layer = BundleFile.open(bundle).blobSource(listed(plainLayer)).orElseThrow();
    byte[] first;
    try (InputStream in = layer.open(0)) {
      first = in.readNBytes(1000);
    }
    byte[] rest;
    try (InputStream in = layer.open(1000)) { // goes on from the stream kept at 1000
      rest = in.readAllBytes();
    }
    byte[] back;
    try (InputStream in = layer.open(500)) { // behind it: starts over
      back = in.readNBytes(10);
    }
    assertThat(first).isEqualTo(Arrays.copyOfRange(plain, 0, 1000));
    assertThat(rest).isEqualTo(Arrays.copyOfRange(plain, 1000, plain.length));
    assertThat(back).isEqualTo(Arrays.copyOfRange(plain, 500, 510));

    RegistryClients chunked =
        new RegistryClients(
            CredentialProvider.anonymous(), TransportOptions.defaults().withChunkSize(300_000));
    push(chunked, "chunked", 1);
    try (InputStream in =
        chunked.client(target.hostAndPort()).pullBlob("chunked/plain", plainLayer)) {
      assertThat(in.readAllBytes()).isEqualTo(plain);
    }
  }

  @Test
  void skopeoInspectsTheExtractedLayoutAndGunzipCompletesIt() throws Exception {
    Path skopeo = RealService.require(Path.of("/usr/bin/skopeo"), "skopeo");
    Path extracted = Files.createDirectories(dir.resolve("x"));
    BundleCreatorTest.run(List.of("tar", "-xf", bundle.toString(), "-C", extracted.toString()));
    String ref = created.index().images().get(0).refName();

    String inspected =
        BundleCreatorTest.run(
            List.of(skopeo.toString(), "inspect", "--raw", "oci:" + extracted + ":" + ref));
    assertThat(Digest.of(inspected.getBytes(StandardCharsets.UTF_8))).isEqualTo(image.digest());

    // As bundle/README.md says: gunzip each stored form into blobs/sha256/<hex>.
    BundleCreatorTest.run(
        List.of(
            "sh",
            "-c",
            "cd '"
                + extracted
                + "' && for f in blobs-gzip/sha256/*.gz; do"
                + " gunzip -c \"$f\" > blobs/sha256/$(basename \"$f\" .gz); done"));
    Path restored = extracted.resolve(OciLayout.blobPath(plainLayer.digest()));
    assertThat(Digest.of(Files.readAllBytes(restored))).isEqualTo(plainLayer.digest());
    Path copied = dir.resolve("copied");
    BundleCreatorTest.run(
        List.of(
            skopeo.toString(),
            "copy",
            "--preserve-digests",
            "oci:" + extracted + ":" + ref,
            "oci:" + copied + ":copy"));
    assertThat(Files.readString(copied.resolve("index.json"))).contains(image.digest().toString());
  }

  @Test
  void theReadmesCheckWithoutFerryPassesAndCatchesAFlippedByte() throws Exception {
    RealService.require(Path.of("/usr/bin/jq"), "jq");
    List<String> readme = Files.readAllLines(Path.of("README.md")); // bundle/README.md
    int from = readme.indexOf("tar -xf b.tar");
    int to = readme.subList(from, readme.size()).indexOf("```") + from;
    String check = String.join("\n", readme.subList(from, to));
    assertThat(check).contains("gunzip").contains("sha256sum -c --quiet");

    Path good = Files.createDirectories(dir.resolve("good"));
    Files.copy(bundle, good.resolve("b.tar"));
    assertThat(bash(good, check)).as("silent, exit 0").isEqualTo("0:");

    byte[] tar = Files.readAllBytes(bundle);
    byte[] random = new byte[60_000];
    new java.util.Random(7).nextBytes(random); // gzipLayer's bytes, stored as they came
    int at = indexOf(tar, Arrays.copyOf(random, 64)) + 1000;
    tar[at] ^= 1;
    Path bad = Files.createDirectories(dir.resolve("bad"));
    Files.write(bad.resolve("b.tar"), tar);
    assertThat(bash(bad, check))
        .startsWith("1:")
        .contains("blobs/sha256/" + gzipLayer.digest().hex() + ": FAILED");
  }

  /** Runs {@code script} with bash in {@code folder}: "status:output". */
  private static String bash(Path folder, String script) throws Exception {
    Process process =
        new ProcessBuilder("bash", "-c", script)
            .directory(folder.toFile())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    return process.exitValue() + ":" + output.strip();
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not in the bundle");
  }
}
