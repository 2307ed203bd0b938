package io.ferry.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.oci.Descriptor;
import io.ferry.oci.Digest;
import io.ferry.oci.ImageRef;
import io.ferry.oci.Platform;
import io.ferry.oci.layout.OciLayout;
import io.ferry.oci.manifest.ImageIndex;
import io.ferry.oci.manifest.ImageManifest;
import io.ferry.oci.manifest.Manifest;
import io.ferry.oci.registry.RegistryClient;
import io.ferry.testkit.RealService;
import io.ferry.testkit.registry.OciRegistry;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Creating bundles from a real registry with token auth over TLS with a test CA. */
class BundleCreatorTest {

  @RegisterExtension static final OciRegistry source = TestBundles.sourceRegistry();

  static TestImages images;
  static ImageIndex app;
  static ImageIndex web;
  static ImageManifest tool;
  static List<String> refs;

  @TempDir Path dir;

  @BeforeAll
  static void pushImages() {
    RegistryClient client = TestBundles.client(source);
    images = new TestImages(client);
    app = images.pushMultiArch("vendor/app", "1.0", true, 40_000);
    web = images.pushMultiArch("vendor/web", "2.1", false, 30_000);
    tool = images.pushSingle("library/tool", "1.36", "amd64", false, 10_000);
    String host = source.hostAndPort();
    refs = List.of(host + "/vendor/app:1.0", host + "/vendor/web:2.1", host + "/library/tool:1.36");
  }

  @Test
  void createsAnAmd64BundleWithoutArm64BlobsThatVerifies() throws Exception {
    Path spec = TestBundles.writeSpec(dir, refs);
    Path bundle = dir.resolve("out/b.tar");
    Files.createDirectories(bundle.getParent());

    CreateResult result =
        TestBundles.create(source, spec, bundle, List.of(Platform.parse("linux/amd64")));

    BundleIndex index = result.index();
    assertThat(index.platforms()).containsExactly("linux/amd64");
    assertThat(index.images())
        .extracting(BundleIndex.Image::source)
        .containsExactlyElementsOf(refs);
    assertThat(index.blobs())
        .extracting(BundleIndex.Blob::digest)
        .doesNotContainAnyElementsOf(images.arm64Blobs);
    assertThat(index.blobs()).extracting(BundleIndex.Blob::digest).containsAll(images.amd64Blobs);
    BundleIndex.Image appImage = index.images().get(0);
    assertThat(appImage.sourceDigest()).isEqualTo(app.digest().toString());
    assertThat(appImage.digest()).isNotEqualTo(appImage.sourceDigest());
    assertThat(appImage.manifests()).containsOnlyKeys("linux/amd64");
    // The filtered index: its digest is the one recorded, and it names the source's amd64
    // manifest alone, which the index records per platform.
    BundleFile file = BundleFile.open(bundle);
    byte[] raw;
    try (InputStream in =
        file.source(file.blob(Digest.parse(appImage.digest())).orElseThrow()).open(0)) {
      raw = in.readAllBytes();
    }
    assertThat(Digest.of(raw).toString()).isEqualTo(appImage.digest());
    Descriptor amd64 =
        app.manifests().stream()
            .filter(d -> d.platform() != null && d.platform().architecture().equals("amd64"))
            .findFirst()
            .orElseThrow();
    assertThat(((ImageIndex) Manifest.parse(raw, null)).manifests()).containsExactly(amd64);
    assertThat(appImage.manifests()).containsEntry("linux/amd64", amd64.digest().toString());
    assertThat(index.bytesSavedBySharing())
        .as("app and web share their amd64 base layer")
        .isGreaterThan(40_000);
    assertThat(index.files())
        .extracting(BundleIndex.FileEntry::path)
        .contains("spec/ferry.yaml", "rules/monitoring/platform.yaml", "index.json", "oci-layout");
    try (Stream<Path> files = Files.list(bundle.getParent())) {
      assertThat(files).containsExactly(bundle);
    }

    VerifyReport report = new BundleVerifier().verify(BundleFile.open(bundle), Optional.empty());
    assertThat(report.problems()).isEmpty();
    assertThat(report.indexDigest()).isEqualTo(result.indexDigest());
    assertThat(report.signature()).isEqualTo(VerifyReport.SignatureStatus.UNSIGNED);
  }

  @Test
  void skopeoReadsTheExtractedLayout() throws Exception {
    Path skopeo = RealService.require(Path.of("/usr/bin/skopeo"), "skopeo");
    Path bundle = dir.resolve("b.tar");
    CreateResult result =
        TestBundles.create(
            source,
            TestBundles.writeSpec(dir, refs),
            bundle,
            List.of(Platform.parse("linux/amd64")));
    Path extracted = Files.createDirectories(dir.resolve("x"));
    run(List.of("tar", "-xf", bundle.toString(), "-C", extracted.toString()));

    // skopeo 1.9 looks up only OCI media types in a layout's index.json: a Docker-typed image is
    // named there by its OCI form (same config and layers), its exact bytes kept for push and
    // serve.
    assertThat(result.index().images())
        .as("the fixture has both kinds")
        .anyMatch(image -> image.layoutDigest() != null)
        .anyMatch(image -> image.layoutDigest() == null);
    for (BundleIndex.Image image : result.index().images()) {
      String raw =
          run(
              List.of(
                  skopeo.toString(),
                  "inspect",
                  "--raw",
                  "oci:" + extracted + ":" + image.refName()));
      byte[] bytes = raw.getBytes(StandardCharsets.UTF_8);
      assertThat(Digest.of(bytes).toString()).isEqualTo(image.layoutDigestOrDigest());
      String info =
          run(List.of(skopeo.toString(), "inspect", "oci:" + extracted + ":" + image.refName()));
      assertThat(info).contains("\"Architecture\": \"amd64\"");
      if (image.layoutDigest() != null) {
        Manifest exact =
            Manifest.parse(
                Files.readAllBytes(extracted.resolve(OciLayout.blobPath(image.parsedDigest()))),
                image.mediaType());
        assertThat(blobsOf(Manifest.parse(bytes, null), extracted))
            .as("the OCI form names the exact image's config and layers")
            .isEqualTo(blobsOf(exact, extracted));
      }
    }
  }

  /** The config and layer digests a manifest (or every manifest of an index) names. */
  private static List<String> blobsOf(Manifest manifest, Path layout) throws Exception {
    List<String> blobs = new ArrayList<>();
    if (manifest instanceof ImageManifest image) {
      image.blobs().forEach(blob -> blobs.add(blob.digest().toString()));
    } else if (manifest instanceof ImageIndex index) {
      for (Descriptor child : index.manifests()) {
        byte[] raw = Files.readAllBytes(layout.resolve(OciLayout.blobPath(child.digest())));
        blobs.addAll(blobsOf(Manifest.parse(raw, child.mediaType()), layout));
      }
    }
    return blobs;
  }

  @Test
  void keepsEveryPlatformAndTheSourceDigestWhenAllAreWanted() {
    Path bundle = dir.resolve("all.tar");
    CreateResult result =
        TestBundles.create(
            source,
            writeSpecUnchecked(List.of(refs.get(0))),
            bundle,
            List.of(Platform.parse("linux/amd64"), Platform.parse("linux/arm64")));
    BundleIndex.Image image = result.index().images().get(0);
    assertThat(image.digest()).isEqualTo(app.digest().toString());
    assertThat(image.manifests()).containsOnlyKeys("linux/amd64", "linux/arm64");
  }

  @Test
  void anImageLackingOneOfTheWantedPlatformsFailsTheCreateNamingIt() throws Exception {
    Path out = Files.createDirectories(dir.resolve("platforms"));
    assertThatThrownBy(() -> createFor(refs.get(0), out, "linux/amd64", "linux/s390x"))
        .hasMessageContaining("vendor/app:1.0' has no manifest for linux/s390x")
        .hasMessageContaining("it has linux/amd64, linux/arm64");
    assertThatThrownBy(() -> createFor(refs.get(2), out, "linux/amd64", "linux/arm64"))
        .hasMessageContaining("library/tool:1.36' is only for linux/amd64")
        .hasMessageContaining("the bundle is for linux/amd64, linux/arm64")
        .hasMessageContaining("--allow-missing-platforms");
    try (var left = Files.list(out)) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void allowedMissingPlatformsCarryAnImageForThoseItHasWithAWarning() throws Exception {
    Path out = Files.createDirectories(dir.resolve("partial"));
    List<String> warnings = new ArrayList<>();
    CreateListener listener =
        new CreateListener() {
          @Override
          public void partial(String image, List<String> missing, List<String> carried) {
            warnings.add(image + " lacks " + missing + ", carried for " + carried);
          }
        };
    List<Platform> both = List.of(Platform.parse("linux/amd64"), Platform.parse("linux/arm64"));
    Path bundle = out.resolve("b.tar");

    CreateResult result =
        new BundleCreator(TestBundles.clients(source), Clock.systemUTC(), listener)
            .create(
                new CreateRequest(
                    writeSpecUnchecked(List.of(refs.get(0), refs.get(2))),
                    Optional.empty(),
                    bundle,
                    both,
                    Optional.empty(),
                    2,
                    true));

    assertThat(warnings)
        .containsExactly(refs.get(2) + " lacks [linux/arm64], carried for [linux/amd64]");
    assertThat(result.index().images().get(0).manifests())
        .containsOnlyKeys("linux/amd64", "linux/arm64");
    assertThat(result.index().images().get(1).manifests()).containsOnlyKeys("linux/amd64");
    assertThat(new BundleVerifier().verify(BundleFile.open(bundle), Optional.empty()).problems())
        .isEmpty();

    // An image with none of the wanted platforms is refused all the same.
    Path none = out.resolve("none.tar");
    assertThatThrownBy(
            () ->
                new BundleCreator(TestBundles.clients(source), Clock.systemUTC(), listener)
                    .create(
                        new CreateRequest(
                            writeSpecUnchecked(List.of(refs.get(2))),
                            Optional.empty(),
                            none,
                            List.of(Platform.parse("linux/arm64"), Platform.parse("linux/s390x")),
                            Optional.empty(),
                            2,
                            true)))
        .hasMessageContaining("library/tool:1.36' is only for linux/amd64");
    assertThat(none).doesNotExist();
  }

  private CreateResult createFor(String image, Path out, String... platforms) {
    return TestBundles.create(
        source,
        writeSpecUnchecked(List.of(image)),
        out.resolve("b.tar"),
        java.util.Arrays.stream(platforms).map(Platform::parse).toList());
  }

  @Test
  void failsNamingEveryMissingImageAndLeavesNoFile() throws Exception {
    Path out = Files.createDirectories(dir.resolve("out"));
    List<String> withMissing = new ArrayList<>(refs);
    withMissing.add(source.hostAndPort() + "/vendor/nope:9.9");
    withMissing.add(source.hostAndPort() + "/vendor/app:0.0-missing");
    Path spec = TestBundles.writeSpec(dir, withMissing);

    assertThatThrownBy(() -> TestBundles.create(source, spec, out.resolve("b.tar"), List.of()))
        .isInstanceOf(BundleException.class)
        .hasMessageContaining("2 of 5 images could not be read")
        .hasMessageContaining("vendor/nope:9.9")
        .hasMessageContaining("vendor/app:0.0-missing");
    try (Stream<Path> files = Files.list(out)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void failsWhenARuleGlobMatchesNothing() throws Exception {
    Path spec = TestBundles.writeSpec(dir, refs);
    Files.delete(dir.resolve("monitoring/platform.yaml"));
    assertThatThrownBy(() -> TestBundles.create(source, spec, dir.resolve("b.tar"), List.of()))
        .hasMessageContaining("spec.monitoring.rules 'monitoring/*.yaml' matched no file");
    assertThat(dir.resolve("b.tar")).doesNotExist();
  }

  @Test
  void parallelCreateStoresEveryBlobTheImagesNameOnceAndEqualsASequentialCreate() throws Exception {
    Path spec = TestBundles.writeSpec(dir, refs);
    Clock clock = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);
    List<Platform> amd64 = List.of(Platform.parse("linux/amd64"));
    Path parallelFile = dir.resolve("parallel.tar");
    Path sequentialFile = dir.resolve("sequential.tar");

    BundleIndex parallel =
        TestBundles.create(source, spec, parallelFile, amd64, 4, clock, CreateListener.NONE)
            .index();
    BundleIndex sequential =
        TestBundles.create(source, spec, sequentialFile, amd64, 1, clock, CreateListener.NONE)
            .index();

    // What the images describe, read from the registry on its own: the amd64 manifests, their
    // configs and layers, plus the filtered index Ferry made for each multi-arch image.
    RegistryClient client = TestBundles.client(source);
    Map<String, Long> described = new HashMap<>();
    for (BundleIndex.Image image : parallel.images()) {
      ImageRef ref = ImageRef.parse(image.source());
      Manifest top = client.pullManifest(ref);
      List<Descriptor> manifests =
          top instanceof ImageIndex index ? index.manifestsFor(amd64) : List.of(top.descriptor());
      if (top instanceof ImageIndex) {
        described.put(image.digest(), sizeIn(parallelFile, image.digest()));
      }
      for (Descriptor manifest : manifests) {
        described.put(manifest.digest().toString(), manifest.size());
        ImageManifest pulled =
            (ImageManifest) client.pullManifest(ref.repository(), manifest.digest().toString());
        pulled.blobs().forEach(b -> described.put(b.digest().toString(), b.size()));
      }
    }
    // And the OCI form of each Docker-typed image, which the layout's index.json names.
    for (BundleIndex.Image image : parallel.images()) {
      if (image.layoutDigest() != null) {
        byte[] form =
            BundleFile.open(parallelFile)
                .read(
                    BundleFile.open(parallelFile)
                        .blob(Digest.parse(image.layoutDigest()))
                        .orElseThrow(),
                    1 << 20);
        described.put(image.layoutDigest(), (long) form.length);
        if (Manifest.parse(form, null) instanceof ImageIndex index) {
          index.manifests().forEach(m -> described.put(m.digest().toString(), m.size()));
        }
      }
    }
    Map<String, Long> stored = new HashMap<>();
    parallel.blobs().forEach(b -> stored.put(b.digest(), b.size()));
    assertThat(parallel.blobs()).as("each blob listed once").hasSameSizeAs(stored.keySet());
    assertThat(stored).isEqualTo(described);
    assertThat(parallel.bytesSavedBySharing()).as("the amd64 base layer is shared").isPositive();

    VerifyReport report =
        new BundleVerifier().verify(BundleFile.open(parallelFile), Optional.empty());
    assertThat(report.problems()).as("every blob's size and sha256, no duplicates").isEmpty();
    assertThat(parallel.blobs()).containsExactlyElementsOf(sequential.blobs());
    assertThat(Files.mismatch(parallelFile, sequentialFile))
        .as("the tar layout does not depend on which blob arrived first")
        .isEqualTo(-1L);
  }

  @Test
  void aBlobTheRegistryServesCorruptedFailsTheCreateNamingItAndLeavesNoFile() throws Exception {
    // Its own images, so no other test shares the blob that is broken here.
    ImageManifest broken =
        new TestImages(TestBundles.client(source))
            .pushSingle("vendor/broken", "1.0", "amd64", true, 20_000);
    Descriptor layer = broken.layers().get(1);
    String hex = layer.digest().hex();
    Path data =
        source
            .directory()
            .resolve("storage/docker/registry/v2/blobs/sha256")
            .resolve(hex.substring(0, 2))
            .resolve(hex)
            .resolve("data");
    byte[] bytes = Files.readAllBytes(data);
    bytes[bytes.length / 2] ^= 0x55;
    Files.write(data, bytes);
    Path out = Files.createDirectories(dir.resolve("out"));
    String brokenRef = source.hostAndPort() + "/vendor/broken:1.0";
    Path spec = TestBundles.writeSpec(dir, List.of(refs.get(0), refs.get(1), brokenRef));

    assertThatThrownBy(() -> TestBundles.create(source, spec, out.resolve("b.tar"), List.of()))
        .isInstanceOf(BundleException.class)
        .hasMessageContaining("Tried to pull")
        .hasMessageContaining("into the bundle " + out.resolve("b.tar"))
        .hasMessageContaining("but 1 failed")
        .hasMessageContaining("blob " + layer.digest())
        .hasMessageContaining("from " + source.hostAndPort() + "/vendor/broken")
        .hasMessageContaining("hashes to");
    try (Stream<Path> files = Files.list(out)) {
      assertThat(files).as("no bundle and no partial file").isEmpty();
    }
  }

  private static long sizeIn(Path bundle, String digest) {
    return BundleFile.open(bundle).blob(Digest.parse(digest)).orElseThrow().size();
  }

  private Path writeSpecUnchecked(List<String> images) {
    try {
      return TestBundles.writeSpec(dir, images);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static String run(List<String> command) throws Exception {
    Process process = new ProcessBuilder(command).start();
    byte[] out = process.getInputStream().readAllBytes();
    byte[] err = process.getErrorStream().readAllBytes();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue())
        .as(String.join(" ", command) + ": " + new String(err, StandardCharsets.UTF_8))
        .isZero();
    return new String(out, StandardCharsets.UTF_8);
  }
}
