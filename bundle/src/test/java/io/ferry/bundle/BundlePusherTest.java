package io.ferry.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.oci.Descriptor;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Pushing a bundle from a TLS token registry's images into a second registry. */
class BundlePusherTest {

  @RegisterExtension static final OciRegistry source = TestBundles.sourceRegistry();

  @RegisterExtension static final OciRegistry target = new OciRegistry();

  @TempDir static Path shared;
  static Path bundle;
  static CreateResult created;

  @TempDir Path dir;

  @BeforeAll
  static void createBundle() throws Exception {
    TestImages images = new TestImages(TestBundles.client(source));
    images.pushMultiArch("vendor/app", "1.0", true, 300_000);
    images.pushMultiArch("vendor/web", "2.1", false, 200_000);
    images.pushSingle("library/tool", "1.36", "amd64", false, 100_000);
    String host = source.hostAndPort();
    Path spec =
        TestBundles.writeSpec(
            shared,
            List.of(
                host + "/vendor/app:1.0", host + "/vendor/web:2.1", host + "/library/tool:1.36"));
    bundle = shared.resolve("b.tar");
    created = TestBundles.create(source, spec, bundle, List.of(Platform.parse("linux/amd64")));
  }

  private static RegistryClients targetClients() {
    return new RegistryClients(CredentialProvider.anonymous(), TransportOptions.defaults());
  }

  private static PushRequest request(Path file, String project) {
    return request(file, target, project);
  }

  private static PushRequest request(Path file, OciRegistry registry, String project) {
    return request(file, registry, project, 4);
  }

  private static PushRequest request(
      Path file, OciRegistry registry, String project, int parallel) {
    return new PushRequest(
        file,
        Optional.of(registry.hostAndPort()),
        Optional.of(project),
        Map.of(),
        parallel,
        false,
        Optional.empty());
  }

  @Test
  void pushesEveryImageWithTheRecordedDigestsThenARerunSendsNothing() throws Exception {
    PushResult result =
        new BundlePusher(targetClients(), PushListener.NONE).push(request(bundle, "site"));

    RegistryClient client = targetClients().client(target.hostAndPort());
    assertThat(result.indexDigest()).isEqualTo(created.indexDigest().toString());
    assertThat(result.images())
        .extracting(PushResult.ImageResult::target)
        .containsExactly(
            target.hostAndPort() + "/site/app:1.0",
            target.hostAndPort() + "/site/web:2.1",
            target.hostAndPort() + "/site/tool:1.36");
    for (int i = 0; i < 3; i++) {
      BundleIndex.Image image = created.index().images().get(i);
      PushResult.ImageResult pushed = result.images().get(i);
      String[] repoAndTag = pushed.target().substring(target.hostAndPort().length() + 1).split(":");
      assertThat(
              client.checkManifest(repoAndTag[0], repoAndTag[1]).orElseThrow().digest().toString())
          .isEqualTo(image.digest())
          .isEqualTo(pushed.digest());
    }
    assertThat(result.bytesSent())
        .as("shared base layer sent once, mounted for the other")
        .isLessThan(created.index().images().stream().mapToLong(BundleIndex.Image::size).sum());
    assertThat(result.bytesSkipped()).isPositive();

    Path skopeo = RealService.require(Path.of("/usr/bin/skopeo"), "skopeo");
    for (PushResult.ImageResult image : result.images()) {
      String raw =
          BundleCreatorTest.run(
              List.of(
                  skopeo.toString(),
                  "inspect",
                  "--raw",
                  "--tls-verify=false",
                  "docker://" + image.target()));
      assertThat(Digest.of(raw.getBytes(StandardCharsets.UTF_8)).toString())
          .isEqualTo(image.digest());
    }

    PushResult again =
        new BundlePusher(targetClients(), PushListener.NONE).push(request(bundle, "site"));
    assertThat(again.bytesSent()).isZero();
    assertThat(again.blobsUploaded()).isZero();
  }

  @Test
  void aPushCutOffMidwayIsResumedSendingOnlyTheMissingBlobs() {
    AtomicLong moved = new AtomicLong();
    long total = created.index().totalBlobBytes();
    PushListener killer =
        new PushListener() {
          @Override
          public void transferred(Digest digest, long bytes) {
            if (moved.addAndGet(bytes) > total / 2) {
              throw new IllegalStateException("simulated kill");
            }
          }
        };
    // One blob at a time, so the blobs after the one that crosses half are never started (bytes
    // are told as they are sent, so the crossing blob itself may have reached the registry).
    PushRequest cutOff = request(bundle, target, "resume", 1);
    assertThatThrownBy(() -> new BundlePusher(targetClients(), killer).push(cutOff).images())
        .hasMessageContaining("no image was tagged");
    RegistryClient client = targetClients().client(target.hostAndPort());
    assertThat(client.catalog())
        .noneMatch(repo -> repo.startsWith("resume/") && hasTags(client, repo));

    long missing = 0;
    for (PushPlan.Target t :
        PushPlan.plan(
            BundleFile.open(bundle),
            created.index(),
            Map.of(),
            target.hostAndPort(),
            "resume",
            Map.of())) {
      for (var blob : t.blobs()) {
        if (!client.hasBlob(t.repository(), blob.digest())) {
          missing += blob.size();
        }
      }
    }
    PushResult rerun =
        new BundlePusher(targetClients(), PushListener.NONE).push(request(bundle, "resume"));

    assertThat(missing).isPositive();
    assertThat(rerun.bytesSent())
        .as("only the blobs the cut-off push did not place")
        .isLessThanOrEqualTo(missing);
    assertThat(rerun.bytesSent()).isLessThan(total);
    assertThat(rerun.bytesSkipped()).isPositive();
    assertThat(client.listTags("resume/app")).containsExactly("1.0");
  }

  private static BundleIndex.Blob firstLayer() {
    return created.index().blobs().stream()
        .filter(b -> b.mediaType().contains("layer"))
        .findFirst()
        .orElseThrow();
  }

  /** A copy of the bundle with the byte at {@code at} of {@code blob} flipped. */
  private Path withFlippedByte(BundleIndex.Blob blob, long at, String name) throws Exception {
    Path copy = dir.resolve(name);
    Files.copy(bundle, copy, StandardCopyOption.REPLACE_EXISTING);
    BundleFile.Entry entry = BundleFile.open(copy).blob(blob.parsedDigest()).orElseThrow();
    TarSurgery.flipByte(copy, entry.offset() + at);
    return copy;
  }

  private static boolean hasTags(RegistryClient client, String repository) {
    try {
      return !client.listTags(repository).isEmpty();
    } catch (RuntimeException e) {
      return false;
    }
  }

  @Test
  void aFlippedByteStopsThePushNamingTheBlobAndNothingIsTagged() throws Exception {
    BundleIndex.Blob layer = firstLayer();
    Path copy = withFlippedByte(layer, 7, "flipped.tar");

    assertThatThrownBy(
            () ->
                new BundlePusher(targetClients(), PushListener.NONE).push(request(copy, "flipped")))
        .hasMessageContaining("blob " + layer.digest())
        .hasMessageContaining("is corrupted")
        .hasMessageContaining("no image was tagged");
    RegistryClient client = targetClients().client(target.hostAndPort());
    assertThat(client.catalog())
        .filteredOn(repo -> repo.startsWith("flipped/"))
        .noneMatch(repo -> hasTags(client, repo))
        .as("the corrupted blob never completed its upload")
        .noneMatch(repo -> client.hasBlob(repo, layer.parsedDigest()));
  }

  @Test
  void aFlippedByteInAnyKindOfBlobOfOneImageLeavesEveryImageUntagged() throws Exception {
    Map<String, Set<String>> blobsByImage = blobsByImage();
    BundleIndex.Image app = created.index().images().get(0);
    BundleIndex.Image web = created.index().images().get(1);
    BundleIndex.Image tool = created.index().images().get(2);
    BundleIndex.Blob webChild = only(blobsByImage, web, MediaTypes.DOCKER_MANIFEST);
    // One blob of each kind that one image alone has, so the other images' blobs and manifests
    // can all be in: their tags must still wait for every blob.
    Map<String, BundleIndex.Blob> flips = new LinkedHashMap<>();
    flips.put("appindex", blob(app.digest()));
    flips.put("webchild", webChild);
    flips.put("toolconfig", only(blobsByImage, tool, MediaTypes.DOCKER_CONFIG));
    flips.put("toollayer", only(blobsByImage, tool, MediaTypes.DOCKER_LAYER_GZIP));
    for (Map.Entry<String, BundleIndex.Blob> flip : flips.entrySet()) {
      BundleIndex.Blob blob = flip.getValue();
      Path copy = withFlippedByte(blob, blob.size() / 2, flip.getKey() + ".tar");

      assertThatThrownBy(
              () ->
                  new BundlePusher(targetClients(), PushListener.NONE)
                      .push(request(copy, flip.getKey())))
          .as(flip.getKey())
          .hasMessageContaining(blob.digest())
          .hasMessageMatching("(?s).*(no image was tagged|nothing was pushed).*");
      RegistryClient client = targetClients().client(target.hostAndPort());
      assertThat(client.catalog())
          .as("%s: no repository of the push has a tag", flip.getKey())
          .filteredOn(repo -> repo.startsWith(flip.getKey() + "/"))
          .noneMatch(repo -> hasTags(client, repo));
    }
  }

  /** The bundle's blobs each image names (its manifests and what they name), by source. */
  private static Map<String, Set<String>> blobsByImage() throws Exception {
    BundleFile file = BundleFile.open(bundle);
    Map<String, Set<String>> byImage = new LinkedHashMap<>();
    for (BundleIndex.Image image : created.index().images()) {
      Set<String> blobs = new LinkedHashSet<>();
      collect(file, Digest.parse(image.digest()), blobs);
      byImage.put(image.source(), blobs);
    }
    return byImage;
  }

  private static void collect(BundleFile file, Digest manifest, Set<String> into) throws Exception {
    into.add(manifest.toString());
    byte[] raw;
    try (InputStream in = file.source(file.blob(manifest).orElseThrow()).open(0)) {
      raw = in.readAllBytes();
    }
    Manifest parsed = Manifest.parse(raw, null);
    if (parsed instanceof ImageIndex index) {
      for (Descriptor child : index.manifests()) {
        if (file.blob(child.digest()).isPresent()) {
          collect(file, child.digest(), into);
        }
      }
    } else if (parsed instanceof ImageManifest image) {
      image.blobs().forEach(b -> into.add(b.digest().toString()));
    }
  }

  /** The blob of {@code mediaType} that {@code image} alone has. */
  private static BundleIndex.Blob only(
      Map<String, Set<String>> blobsByImage, BundleIndex.Image image, String mediaType) {
    return created.index().blobs().stream()
        .filter(b -> b.mediaType().equals(mediaType))
        .filter(b -> blobsByImage.get(image.source()).contains(b.digest()))
        .filter(
            b ->
                blobsByImage.entrySet().stream()
                    .filter(e -> !e.getKey().equals(image.source()))
                    .noneMatch(e -> e.getValue().contains(b.digest())))
        .findFirst()
        .orElseThrow(() -> new AssertionError(image.source() + " has no " + mediaType + " alone"));
  }

  private static BundleIndex.Blob blob(String digest) {
    return created.index().blobs().stream()
        .filter(b -> b.digest().equals(digest))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void overTlsBlobsGoThroughTheEncryptedStreamAndACorruptedOneIsStillCaught() throws Exception {
    // The source registry speaks TLS with token auth: push the bundle back into it.
    PushResult result =
        new BundlePusher(TestBundles.clients(source), PushListener.NONE)
            .push(request(bundle, source, "tls"));

    RegistryClient client = TestBundles.client(source);
    BundleIndex.Image app = created.index().images().get(0);
    assertThat(client.checkManifest("tls/app", "1.0").orElseThrow().digest().toString())
        .isEqualTo(app.digest());
    assertThat(result.bytesSent()).isPositive();

    BundleIndex.Blob layer = firstLayer();
    Path copy = withFlippedByte(layer, layer.size() - 1, "flipped-tls.tar");
    PushRequest flipped = request(copy, source, "tlsflipped");

    assertThatThrownBy(
            () -> new BundlePusher(TestBundles.clients(source), PushListener.NONE).push(flipped))
        .hasMessageContaining("blob " + layer.digest())
        .hasMessageContaining("is corrupted")
        .hasMessageContaining("no image was tagged");
    assertThat(client.catalog())
        .filteredOn(repo -> repo.startsWith("tlsflipped/"))
        .noneMatch(repo -> hasTags(client, repo));
  }

  @Test
  void parallelSetsHowManyBlobsAreSentAtOnce() {
    for (int parallel : List.of(1, 3)) {
      AtomicInteger sending = new AtomicInteger();
      AtomicInteger most = new AtomicInteger();
      Set<Digest> uploads = ConcurrentHashMap.newKeySet();
      PushListener counting =
          new PushListener() {
            @Override
            public void started(Digest digest, long size, long skipped) {
              if (skipped == 0) { // an upload, not a blob the registry has or mounts
                uploads.add(digest);
                most.accumulateAndGet(sending.incrementAndGet(), Math::max);
                // Until `parallel` are sending at once (or 10 s pass), each waits for the others:
                // how many can be under way together does not then hang on timing.
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (most.get() < parallel && System.nanoTime() < deadline) {
                  sleepBriefly();
                }
                for (int i = 0; i < 4; i++) {
                  sleepBriefly(); // and holds its sender a while, so one more would overlap it
                }
              }
            }

            @Override
            public void finished(Digest digest) {
              if (uploads.contains(digest)) {
                sending.decrementAndGet();
              }
            }
          };

      PushResult result =
          new BundlePusher(targetClients(), counting)
              .push(request(bundle, target, "parallel" + parallel, parallel));

      assertThat(uploads.size()).as("blobs uploaded").isGreaterThan(parallel);
      assertThat(most.get())
          .as("blobs sent at once with --parallel %d", parallel)
          .isEqualTo(parallel);
      assertThat(result.images()).hasSize(3);
    }
  }

  private static void sleepBriefly() {
    try {
      Thread.sleep(5);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void mapsASourceRepositoryToAnotherTarget() {
    String app = source.hostAndPort() + "/vendor/app";
    PushResult result =
        new BundlePusher(targetClients(), PushListener.NONE)
            .push(
                new PushRequest(
                    bundle,
                    Optional.of(target.hostAndPort()),
                    Optional.of("mapped"),
                    Map.of(app, "other/application"),
                    2,
                    false,
                    Optional.empty()));
    assertThat(result.images().get(0).target())
        .isEqualTo(target.hostAndPort() + "/other/application:1.0");
    assertThat(result.images().get(1).target()).isEqualTo(target.hostAndPort() + "/mapped/web:2.1");
  }

  @Test
  void aProjectRegistriesRefuseIsReportedBeforeAnythingIsSent() {
    for (String project : List.of("Site", "a b", "../x", "a//b")) {
      assertThatThrownBy(
              () ->
                  new BundlePusher(targetClients(), PushListener.NONE)
                      .push(request(bundle, project)))
          .as(project)
          .isInstanceOf(BundleException.class)
          .hasMessageContaining("a name registries refuse")
          .hasMessageContaining("--project")
          .hasMessageContaining("Nothing was sent");
    }
    assertThat(targetClients().client(target.hostAndPort()).catalog())
        .noneMatch(repo -> repo.startsWith("Site") || repo.contains("x/"));
  }

  @Test
  void withAnEmptyProjectImagesGoToTheTopOfTheRegistry() {
    PushResult result =
        new BundlePusher(targetClients(), PushListener.NONE).push(request(bundle, ""));
    assertThat(result.images().get(1).target()).isEqualTo(target.hostAndPort() + "/web:2.1");
  }

  @Test
  void aMapTargetRegistriesRefuseOrAMapMatchingNoImageIsAnError() {
    String app = source.hostAndPort() + "/vendor/app";
    assertThatThrownBy(() -> pushWithMap(Map.of(app, "tools/Web")))
        .hasMessageContaining("its part 'Web' must be lowercase")
        .hasMessageContaining("--map " + app + "=tools/Web");
    assertThatThrownBy(() -> pushWithMap(Map.of("nosuch/repo", "x/y")))
        .hasMessageContaining("--map names nosuch/repo but no image of the bundle comes from")
        .hasMessageContaining(app);
  }

  private static PushResult pushWithMap(Map<String, String> map) {
    return new BundlePusher(targetClients(), PushListener.NONE)
        .push(
            new PushRequest(
                bundle,
                Optional.of(target.hostAndPort()),
                Optional.of("mapcheck"),
                map,
                2,
                false,
                Optional.empty()));
  }

  @Test
  void twoImagesGivenTheSameTargetTagAreAnErrorNamingBoth() throws Exception {
    TestImages images = new TestImages(TestBundles.client(source));
    images.pushSingle("team1/app", "1.0", "amd64", true, 1_000);
    images.pushSingle("team2/app", "1.0", "amd64", true, 2_000);
    String host = source.hostAndPort();
    Path spec =
        TestBundles.writeSpec(dir, List.of(host + "/team1/app:1.0", host + "/team2/app:1.0"));
    Path clashing = dir.resolve("clash.tar");
    List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
    TestBundles.create(
        source,
        spec,
        clashing,
        List.of(Platform.parse("linux/amd64")),
        CreateRequest.DEFAULT_PARALLEL,
        java.time.Clock.systemUTC(),
        new CreateListener() {
          @Override
          public void warning(String message) {
            warnings.add(message);
          }
        });
    assertThat(warnings)
        .as("create says it already")
        .singleElement()
        .asString()
        .contains(host + "/team1/app:1.0 and " + host + "/team2/app:1.0 would both be ")
        .contains("/app:1.0: push and serve refuse this until --map SRC=DST");

    assertThatThrownBy(
            () ->
                new BundlePusher(targetClients(), PushListener.NONE)
                    .push(request(clashing, "clash")))
        .isInstanceOf(BundleException.class)
        .hasMessageContaining(host + "/team1/app:1.0 and " + host + "/team2/app:1.0 would both be")
        .hasMessageContaining("--map SRC=DST")
        .hasMessageContaining("keeps only the last element")
        .hasMessageContaining("Nothing was sent");
    assertThat(targetClients().client(target.hostAndPort()).catalog())
        .noneMatch(repo -> repo.startsWith("clash/"));

    PushRequest mappedTogether =
        new PushRequest(
            clashing,
            Optional.of(target.hostAndPort()),
            Optional.of("clash"),
            Map.of(host + "/team1/app", "x/same", host + "/team2/app", "x/same"),
            2,
            false,
            Optional.empty());
    assertThatThrownBy(
            () -> new BundlePusher(targetClients(), PushListener.NONE).push(mappedTogether))
        .hasMessageContaining("would both be " + target.hostAndPort() + "/x/same:1.0")
        .hasMessageContaining("(--map sends both there)")
        .hasMessageNotContaining("keeps only the last element");

    PushRequest oneMapped =
        new PushRequest(
            clashing,
            Optional.of(target.hostAndPort()),
            Optional.of("clash"),
            Map.of(host + "/team1/app", "clash/app"), // where team2/app goes by its name
            2,
            false,
            Optional.empty());
    assertThatThrownBy(() -> new BundlePusher(targetClients(), PushListener.NONE).push(oneMapped))
        .hasMessageContaining("would both be " + target.hostAndPort() + "/clash/app:1.0")
        .hasMessageContaining("(--map sends " + host + "/team1/app:1.0 where the other goes by");

    // serve refuses the clash as push does (a client would get one image under the other's
    // name), and serves both under --map's names
    assertThatThrownBy(
            () ->
                BundleServer.start(
                    clashing,
                    new java.net.InetSocketAddress("127.0.0.1", 0),
                    Optional.of("clash"),
                    Optional.empty()))
        .isInstanceOf(BundleException.class)
        .hasMessageContaining(
            "team1/app:1.0 and " + host + "/team2/app:1.0 would both be clash/app:1.0")
        .hasMessageContaining("--map SRC=DST. Nothing is served.");
    try (BundleServer served =
        BundleServer.start(
            clashing,
            new java.net.InetSocketAddress("127.0.0.1", 0),
            Optional.of("clash"),
            Map.of(host + "/team2/app", "team2/app"),
            Optional.empty())) {
      assertThat(served.repositories()).containsExactly("clash/app", "team2/app");
    }
  }

  @Test
  void aKeyThatDidNotSignTheBundleIsNamedAsTheReasonNotCorruption() throws Exception {
    Path pub = dir.resolve("pub.pem");
    KeyFiles.generate("ed25519", dir.resolve("key.pem"), pub);
    PushRequest withKey =
        new PushRequest(
            bundle,
            Optional.of(target.hostAndPort()),
            Optional.of("keyed"),
            Map.of(),
            2,
            false,
            Optional.of(VerifyingKey.read(pub)));
    assertThatThrownBy(() -> new BundlePusher(targetClients(), PushListener.NONE).push(withKey))
        .hasMessageContaining("nothing was pushed (its signature does not verify with --key")
        .hasMessageNotContaining("corrupted");
  }

  @Test
  void aFailureEveryBlobSharesIsToldOnce() {
    String a = "Tried to check blob sha256:aa on r/x/img1 but failed because: 401 Unauthorized";
    String b = "Tried to check blob sha256:bb on r/x/img2 but failed because: 401 Unauthorized";
    String c = "Tried to check blob sha256:cc on r/x/img2 but failed because: 500 Internal";
    assertThat(BundlePusher.sameCauseOnce(List.of(a, b)))
        .containsExactly(a + " (and the same for the other 1)");
    assertThat(BundlePusher.sameCauseOnce(List.of(a, b, c))).containsExactly(a, b, c);
  }
}
