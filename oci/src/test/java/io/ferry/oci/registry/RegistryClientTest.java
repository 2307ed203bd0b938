package io.ferry.oci.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.oci.Descriptor;
import io.ferry.oci.Digest;
import io.ferry.oci.DigestMismatchException;
import io.ferry.oci.MediaTypes;
import io.ferry.oci.Platform;
import io.ferry.oci.RegistryException;
import io.ferry.oci.TransferListener;
import io.ferry.oci.auth.CredentialProvider;
import io.ferry.oci.manifest.ImageIndex;
import io.ferry.oci.manifest.ImageManifest;
import io.ferry.oci.manifest.Manifest;
import io.ferry.testkit.registry.OciRegistry;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The client against a real, anonymous CNCF distribution registry on loopback. */
class RegistryClientTest {

  @RegisterExtension static final OciRegistry registry = new OciRegistry();

  private static RegistryClient client() {
    return client(TransportOptions.defaults());
  }

  private static RegistryClient client(TransportOptions options) {
    return RegistryClient.builder(registry.hostAndPort()).transport(options).build();
  }

  @Test
  void usesPlainHttpForTheLoopbackRegistryAndPingsIt() {
    RegistryClient client = client();

    client.ping();

    assertThat(client.baseUri().toString()).isEqualTo("http://" + registry.hostAndPort());
  }

  @Test
  void credentialsAreNotLookedUpForARegistryThatNeverAsksForThem() {
    AtomicInteger lookups = new AtomicInteger();
    CredentialProvider helperLike =
        r -> {
          lookups.incrementAndGet(); // a credential helper would run here
          return Optional.empty();
        };
    RegistryClient client =
        RegistryClient.builder(registry.hostAndPort()).credentials(helperLike).build();
    byte[] content = TestContent.randomBytes(1_000);
    Descriptor blob = Descriptor.of(MediaTypes.OCI_LAYER_GZIP, content);

    client.pushBlob("ferry/no-login", blob, BlobSource.of(content), TransferListener.NONE);

    assertThat(client.hasBlob("ferry/no-login", blob.digest())).isTrue();
    assertThatThrownBy(() -> client.pullManifest("ferry/no-login", "missing"))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("MANIFEST_UNKNOWN");
    assertThat(lookups).as("not even for an error answer's hint").hasValue(0);
  }

  @Test
  void pushesABlobWholeAndPullsItBackVerified() throws Exception {
    byte[] content = TestContent.randomBytes(100_000);
    Descriptor blob = Descriptor.of(MediaTypes.OCI_LAYER_GZIP, content);
    RegistryClient client = client();

    BlobPush push =
        client.pushBlob("ferry/whole", blob, BlobSource.of(content), TransferListener.NONE);

    assertThat(push.outcome()).isEqualTo(BlobPush.Outcome.UPLOADED);
    assertThat(push.bytesSent()).isEqualTo(content.length);
    assertThat(client.checkBlob("ferry/whole", blob.digest())).hasValue(content.length);
    try (InputStream in = client.pullBlob("ferry/whole", blob)) {
      assertThat(in.readAllBytes()).isEqualTo(content);
    }
  }

  @Test
  void pushesABlobStreamedFromARegionOfAFile(@TempDir Path folder) throws Exception {
    byte[] content = TestContent.randomBytes(70_000);
    Path archive = folder.resolve("bundle.tar");
    Files.write(archive, new byte[512]);
    Files.write(archive, content, StandardOpenOption.APPEND);
    Files.write(archive, new byte[512], StandardOpenOption.APPEND);
    Descriptor blob = Descriptor.of(MediaTypes.OCI_LAYER_GZIP, content);
    RegistryClient client = client(TransportOptions.defaults().withChunkSize(32 * 1024));

    client.pushBlob(
        "ferry/from-file",
        blob,
        BlobSource.of(archive, 512, content.length),
        TransferListener.NONE);

    try (InputStream in = client.pullBlob("ferry/from-file", blob)) {
      assertThat(in.readAllBytes()).isEqualTo(content);
    }
  }

  @Test
  void pushesABlobLargerThanTheChunkSizeInChunks() throws Exception {
    byte[] content = TestContent.randomBytes(300_000);
    Descriptor blob = Descriptor.of(MediaTypes.OCI_LAYER_GZIP, content);
    RegistryClient client = client(TransportOptions.defaults().withChunkSize(64 * 1024));
    AtomicLong reported = new AtomicLong();

    BlobPush push =
        client.pushBlob(
            "ferry/chunked",
            blob,
            BlobSource.of(content),
            new TransferListener() {
              @Override
              public void transferred(Digest digest, long bytes) {
                reported.addAndGet(bytes);
              }
            });

    assertThat(push.outcome()).isEqualTo(BlobPush.Outcome.UPLOADED);
    assertThat(reported.get()).isEqualTo(content.length);
    try (InputStream in = client.pullBlob("ferry/chunked", blob)) {
      assertThat(in.readAllBytes()).isEqualTo(content);
    }
  }

  @Test
  void pushSkipsBlobsTheRegistryAlreadyHas() {
    byte[] content = TestContent.randomBytes(10_000);
    Descriptor blob = Descriptor.of(MediaTypes.OCI_LAYER_GZIP, content);
    RegistryClient client = client();
    client.pushBlob("ferry/skip", blob, BlobSource.of(content), TransferListener.NONE);

    BlobPush again =
        client.pushBlob("ferry/skip", blob, BlobSource.of(content), TransferListener.NONE);

    assertThat(again.outcome()).isEqualTo(BlobPush.Outcome.ALREADY_PRESENT);
    assertThat(again.bytesSent()).isZero();
  }

  @Test
  void mountsABlobFromAnotherRepositoryWithoutSendingIt() {
    byte[] content = TestContent.randomBytes(50_000);
    Descriptor blob = Descriptor.of(MediaTypes.OCI_LAYER_GZIP, content);
    RegistryClient client = client();
    client.pushBlob("ferry/base", blob, BlobSource.of(content), TransferListener.NONE);

    BlobPush mounted =
        client.pushBlob(
            "ferry/app", blob, BlobSource.of(content), "ferry/base", TransferListener.NONE);

    assertThat(mounted.outcome()).isEqualTo(BlobPush.Outcome.MOUNTED);
    assertThat(mounted.bytesSent()).isZero();
    assertThat(client.hasBlob("ferry/app", blob.digest())).isTrue();
  }

  @Test
  void aPreparedPushOpensAnUploadSessionThatFinishingFillsWithTheContent() throws Exception {
    byte[] content = TestContent.randomBytes(30_000);
    Descriptor blob = Descriptor.of(MediaTypes.OCI_LAYER_GZIP, content);
    RegistryClient client = client();

    PreparedBlobPush prepared =
        client.prepareBlobPush("ferry/prepared", blob, null, TransferListener.NONE);

    assertThat(prepared.needsContent()).isTrue();
    assertThat(prepared.location()).isNotBlank();
    assertThat(client.hasBlob("ferry/prepared", blob.digest())).isFalse();

    BlobPush push = client.finishBlobPush(prepared, BlobSource.of(content), TransferListener.NONE);

    assertThat(push.outcome()).isEqualTo(BlobPush.Outcome.UPLOADED);
    assertThat(push.bytesSent()).isEqualTo(content.length);
    try (InputStream in = client.pullBlob("ferry/prepared", blob)) {
      assertThat(in.readAllBytes()).isEqualTo(content);
    }
  }

  @Test
  void preparingAPushOfABlobTheRegistryHasOrCanMountSendsNothing() {
    byte[] content = TestContent.randomBytes(20_000);
    Descriptor blob = Descriptor.of(MediaTypes.OCI_LAYER_GZIP, content);
    RegistryClient client = client();
    client.pushBlob("ferry/prepared-base", blob, BlobSource.of(content), TransferListener.NONE);

    PreparedBlobPush present =
        client.prepareBlobPush("ferry/prepared-base", blob, null, TransferListener.NONE);
    PreparedBlobPush mounted =
        client.prepareBlobPush(
            "ferry/prepared-app", blob, "ferry/prepared-base", TransferListener.NONE);

    assertThat(present.needsContent()).isFalse();
    assertThat(present.done().outcome()).isEqualTo(BlobPush.Outcome.ALREADY_PRESENT);
    assertThat(mounted.needsContent()).isFalse();
    assertThat(mounted.done().outcome()).isEqualTo(BlobPush.Outcome.MOUNTED);
    assertThat(client.hasBlob("ferry/prepared-app", blob.digest())).isTrue();
    // Finishing one that is done returns its outcome without a request.
    assertThat(client.finishBlobPush(mounted, BlobSource.of(new byte[0]), TransferListener.NONE))
        .isEqualTo(mounted.done());
  }

  @Test
  void mountBlobSaysFalseWhenTheSourceRepositoryLacksTheBlob() {
    Digest absent = Digest.of(TestContent.randomBytes(10));

    assertThat(client().mountBlob("ferry/mount-target", absent, "ferry/nothing-here")).isFalse();
  }

  @Test
  void pushesOciAndDockerManifestsAndAnIndexAndPullsThemByTagAndDigest() {
    RegistryClient client = client();
    ImageManifest amd64 =
        TestContent.pushImageBlobs(client, "ferry/multi", MediaTypes.OCI_MANIFEST, "amd64", 2_000);
    ImageManifest arm64 =
        TestContent.pushImageBlobs(
            client, "ferry/multi", MediaTypes.DOCKER_MANIFEST, "arm64", 2_000);
    client.pushManifest("ferry/multi", amd64.digest().toString(), amd64);
    client.pushManifest("ferry/multi", arm64.digest().toString(), arm64);
    ImageIndex index =
        ImageIndex.of(
            MediaTypes.OCI_INDEX,
            List.of(
                amd64.descriptor().withPlatform(Platform.parse("linux/amd64")),
                arm64.descriptor().withPlatform(Platform.parse("linux/arm64/v8"))),
            Map.of());

    Digest pushed = client.pushManifest("ferry/multi", "1.0", index);

    assertThat(pushed).isEqualTo(index.digest());
    Manifest byTag = client.pullManifest("ferry/multi", "1.0");
    assertThat(byTag).isInstanceOf(ImageIndex.class);
    assertThat(byTag.raw()).isEqualTo(index.raw());
    assertThat(((ImageIndex) byTag).manifestsFor(List.of(Platform.parse("linux/arm64"))))
        .extracting(Descriptor::digest)
        .containsExactly(arm64.digest());
    Manifest docker = client.pullManifest("ferry/multi", arm64.digest().toString());
    assertThat(docker.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST);
    assertThat(docker.raw()).isEqualTo(arm64.raw());
    assertThat(client.checkManifest("ferry/multi", "1.0"))
        .hasValueSatisfying(
            head -> {
              assertThat(head.digest()).isEqualTo(index.digest());
              assertThat(head.mediaType()).isEqualTo(MediaTypes.OCI_INDEX);
              assertThat(head.size()).isEqualTo(index.raw().length);
            });
    assertThat(client.checkManifest("ferry/multi", "no-such-tag")).isEmpty();
  }

  @Test
  void pushingAManifestBeforeItsBlobsFailsNamingTheMissingBlob() {
    RegistryClient client = client();
    byte[] config = TestContent.config("amd64");
    ImageManifest manifest =
        ImageManifest.of(
            MediaTypes.OCI_MANIFEST,
            Descriptor.of(MediaTypes.OCI_CONFIG, config),
            List.of(),
            Map.of());

    assertThatThrownBy(() -> client.pushManifest("ferry/early", "1.0", manifest))
        .isInstanceOfSatisfying(
            RegistryException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.errorCodes()).contains("MANIFEST_BLOB_UNKNOWN");
              assertThat(e.getMessage())
                  .contains("push manifest " + manifest.digest())
                  .contains(registry.hostAndPort() + "/ferry/early")
                  .contains("push every blob the manifest names before the manifest");
            });
  }

  @Test
  void resumesACutOffBlobDownloadFromThePartialFile(@TempDir Path folder) throws Exception {
    byte[] content = TestContent.randomBytes(200_000);
    Descriptor blob = Descriptor.of(MediaTypes.OCI_LAYER_GZIP, content);
    RegistryClient client = client();
    client.pushBlob("ferry/resume", blob, BlobSource.of(content), TransferListener.NONE);
    Path file = folder.resolve("layer");
    Files.write(folder.resolve("layer.partial"), Arrays.copyOf(content, 120_000));
    AtomicLong skipped = new AtomicLong(-1);
    AtomicLong moved = new AtomicLong();

    client.pullBlobTo(
        "ferry/resume",
        blob,
        file,
        new TransferListener() {
          @Override
          public void started(Digest digest, long size, long already) {
            skipped.set(already);
          }

          @Override
          public void transferred(Digest digest, long bytes) {
            moved.addAndGet(bytes);
          }
        });

    assertThat(Files.readAllBytes(file)).isEqualTo(content);
    assertThat(skipped.get()).isEqualTo(120_000);
    assertThat(moved.get()).isEqualTo(80_000);
    assertThat(folder.resolve("layer.partial")).doesNotExist();
  }

  @Test
  void pullsABlobFromAnOffsetWithRange() throws Exception {
    byte[] content = TestContent.randomBytes(5_000);
    Descriptor blob = Descriptor.of(MediaTypes.OCI_LAYER_GZIP, content);
    RegistryClient client = client();
    client.pushBlob("ferry/range", blob, BlobSource.of(content), TransferListener.NONE);

    try (InputStream in = client.pullBlobRange("ferry/range", blob.digest(), 4_000)) {
      assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(content, 4_000, 5_000));
    }
  }

  @Test
  void detectsABlobCorruptedInTheRegistrysStorage() throws Exception {
    byte[] content = TestContent.randomBytes(20_000);
    Descriptor blob = Descriptor.of(MediaTypes.OCI_LAYER_GZIP, content);
    RegistryClient client = client();
    client.pushBlob("ferry/corrupt", blob, BlobSource.of(content), TransferListener.NONE);
    Path data =
        registry
            .directory()
            .resolve("storage/docker/registry/v2/blobs/sha256")
            .resolve(blob.digest().hex().substring(0, 2))
            .resolve(blob.digest().hex())
            .resolve("data");
    byte[] stored = Files.readAllBytes(data);
    stored[10_000] ^= 0x01;
    Files.write(data, stored);

    assertThatThrownBy(
            () -> {
              try (InputStream in = client.pullBlob("ferry/corrupt", blob)) {
                in.readAllBytes();
              }
            })
        .isInstanceOf(DigestMismatchException.class)
        .hasMessageContaining(blob.digest().toString())
        .hasMessageContaining(registry.hostAndPort() + "/ferry/corrupt")
        .hasMessageContaining("corrupted");
  }

  @Test
  void listsTagsAcrossPages() {
    RegistryClient client = RegistryClient.builder(registry.hostAndPort()).pageSize(2).build();
    ImageManifest image =
        TestContent.pushImageBlobs(client, "ferry/tags", MediaTypes.OCI_MANIFEST, "amd64", 100);
    for (String tag : List.of("1.0", "1.1", "1.2", "2.0", "latest")) {
      client.pushManifest("ferry/tags", tag, image);
    }

    assertThat(client.listTags("ferry/tags"))
        .containsExactlyInAnyOrder("1.0", "1.1", "1.2", "2.0", "latest");
  }

  @Test
  void catalogListsTheRepositories() {
    RegistryClient client = RegistryClient.builder(registry.hostAndPort()).pageSize(1).build();
    ImageManifest image =
        TestContent.pushImageBlobs(
            client, "ferry/catalog-a", MediaTypes.OCI_MANIFEST, "amd64", 100);
    client.pushManifest("ferry/catalog-a", "1", image);
    TestContent.pushImageBlobs(client, "ferry/catalog-b", MediaTypes.OCI_MANIFEST, "amd64", 100);

    assertThat(client.catalog()).contains("ferry/catalog-a", "ferry/catalog-b");
  }

  @Test
  void listingTagsOfARepositoryThatDoesNotExistSaysSo() {
    assertThatThrownBy(() -> client().listTags("nosuch/project"))
        .isInstanceOfSatisfying(
            RegistryException.class,
            e -> {
              assertThat(e.status()).isEqualTo(404);
              assertThat(e.errorCodes()).contains("NAME_UNKNOWN");
              assertThat(e.registry()).isEqualTo(registry.hostAndPort());
              assertThat(e.repository()).isEqualTo("nosuch/project");
              assertThat(e.getMessage())
                  .startsWith("Tried to list tags on " + registry.hostAndPort() + "/nosuch/project")
                  .contains("404 Not Found")
                  .contains("the repository or project 'nosuch' does not exist");
            });
  }

  @Test
  void pullingATagThatDoesNotExistSaysWhichAndWhere() {
    assertThatThrownBy(() -> client().pullManifest("nosuch/project", "1.0"))
        .isInstanceOfSatisfying(
            RegistryException.class,
            e -> {
              assertThat(e.status()).isEqualTo(404);
              assertThat(e.errorCodes()).containsExactly("MANIFEST_UNKNOWN");
              assertThat(e.getMessage())
                  .startsWith(
                      "Tried to pull manifest 1.0 on " + registry.hostAndPort() + "/nosuch/project")
                  .contains("no image with that tag or digest");
            });
  }

  @Test
  void aRegistryThatIsNotRunningGetsAHintAfterBoundedRetries() throws Exception {
    int port;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    RegistryClient client =
        RegistryClient.builder("127.0.0.1:" + port)
            .transport(
                TransportOptions.defaults()
                    .withRetry(
                        new RetryPolicy(
                            3, Duration.ofMillis(10), Duration.ofMillis(20), Duration.ZERO)))
            .build();

    assertThatThrownBy(client::ping)
        .isInstanceOfSatisfying(
            RegistryException.class,
            e -> {
              assertThat(e.status()).isZero();
              assertThat(e.getMessage())
                  .contains("127.0.0.1:" + port)
                  .contains("is the registry running at 127.0.0.1:" + port);
            });
  }
}
