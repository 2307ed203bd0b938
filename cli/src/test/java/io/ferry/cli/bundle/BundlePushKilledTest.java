package io.ferry.cli.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.bundle.BundleFile;
import io.ferry.bundle.BundleIndex;
import io.ferry.oci.Descriptor;
import io.ferry.oci.manifest.ImageIndex;
import io.ferry.oci.manifest.ImageManifest;
import io.ferry.oci.manifest.Manifest;
import io.ferry.oci.registry.RegistryClient;
import io.ferry.testkit.registry.OciRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A push whose process is destroyed midway, rerun: only the missing bytes are sent. */
class BundlePushKilledTest {

  @RegisterExtension static final OciRegistry vendor = new OciRegistry();
  @RegisterExtension static final OciRegistry site = new OciRegistry();

  @TempDir Path dir;

  @Test
  void aDestroyedPushIsResumedSendingOnlyWhatTheRegistryLacks() throws Exception {
    new SeedSite()
        .pushImages(RegistryClient.builder(vendor.hostAndPort()).build(), 12 * 1024 * 1024);
    Path spec = SeedSite.copyExample(dir.resolve("example"), vendor.hostAndPort());
    Path bundle = dir.resolve("b.tar");
    CliRun create = new CliRun();
    assertThat(create.run("bundle", "create", "-f", spec.toString(), "-o", bundle.toString()))
        .as(create.err.toString())
        .isZero();

    Process push =
        CliRun.process(
                "bundle",
                "push",
                bundle.toString(),
                "--registry",
                site.hostAndPort(),
                "--parallel",
                "1")
            .redirectOutput(dir.resolve("push.log").toFile())
            .start();
    RegistryClient target = RegistryClient.builder(site.hostAndPort()).build();
    Map<String, List<Descriptor>> blobs = blobsByRepository(bundle);
    Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
    while (push.isAlive() && present(target, blobs) == 0 && Instant.now().isBefore(deadline)) {
      Thread.sleep(10);
    }
    assertThat(push.isAlive()).as("the push is still running when it is destroyed").isTrue();
    push.destroyForcibly();
    assertThat(push.waitFor(30, TimeUnit.SECONDS)).isTrue();

    long total = blobs.values().stream().flatMap(List::stream).mapToLong(Descriptor::size).sum();
    // A blob whose whole body the killed process had already written may still be landing in the
    // registry: measure once two looks a quarter of a second apart agree.
    long missing = missing(target, blobs);
    for (int look = 0; look < 40; look++) {
      Thread.sleep(250);
      long now = missing(target, blobs);
      if (now == missing) {
        break;
      }
      missing = now;
    }
    assertThat(missing).as("some blobs made it, some did not").isPositive().isLessThan(total);
    for (String repository : blobs.keySet()) {
      assertThat(tags(target, repository)).as("nothing is tagged by a cut-off push").isEmpty();
    }

    Path report = dir.resolve("report.json");
    CliRun rerun = new CliRun();
    assertThat(
            rerun.run(
                "bundle",
                "push",
                bundle.toString(),
                "--registry",
                site.hostAndPort(),
                "--report",
                report.toString()))
        .as(rerun.err.toString())
        .isZero();
    JsonNode json = new ObjectMapper().readTree(report.toFile());
    assertThat(json.path("bytesSent").asLong())
        .as("the rerun sends exactly the missing blobs")
        .isEqualTo(missing);
    assertThat(json.path("bytesSkipped").asLong()).isPositive().isLessThan(total);
    assertThat(target.listTags("project/gatekeeper")).containsExactly("v362");
  }

  private static List<String> tags(RegistryClient target, String repository) {
    try {
      return target.listTags(repository);
    } catch (RuntimeException e) {
      return List.of(); // NAME_UNKNOWN: the repository has no manifest yet
    }
  }

  /**
   * The bytes that must cross the wire: each blob that no repository has yet, once (a blob that
   * reached one repository is mounted into the others, not sent again).
   */
  private static long missing(RegistryClient target, Map<String, List<Descriptor>> blobs) {
    Map<String, Long> reachedNowhere = new java.util.HashMap<>();
    java.util.Set<String> reached = new java.util.HashSet<>();
    for (Map.Entry<String, List<Descriptor>> repository : blobs.entrySet()) {
      for (Descriptor blob : repository.getValue()) {
        if (target.hasBlob(repository.getKey(), blob.digest())) {
          reached.add(blob.digest().toString());
        } else {
          reachedNowhere.put(blob.digest().toString(), blob.size());
        }
      }
    }
    reached.forEach(reachedNowhere::remove);
    return reachedNowhere.values().stream().mapToLong(Long::longValue).sum();
  }

  private static int present(RegistryClient target, Map<String, List<Descriptor>> blobs) {
    int count = 0;
    for (Map.Entry<String, List<Descriptor>> repository : blobs.entrySet()) {
      for (Descriptor blob : repository.getValue()) {
        if (blob.size() > 1024 * 1024 && target.hasBlob(repository.getKey(), blob.digest())) {
          count++;
        }
      }
    }
    return count;
  }

  /** The config and layer blobs each target repository needs, from the bundle's manifests. */
  private static Map<String, List<Descriptor>> blobsByRepository(Path file) throws Exception {
    BundleFile bundle = BundleFile.open(file);
    BundleIndex index =
        BundleIndex.parse(
            bundle.read(bundle.entry("bundle.json").orElseThrow(), 1 << 20), file.toString());
    Map<String, List<Descriptor>> blobs = new java.util.LinkedHashMap<>();
    for (BundleIndex.Image image : index.images()) {
      String name = image.source().replaceAll(".*/([^/:]+):.*", "$1");
      List<Descriptor> list = blobs.computeIfAbsent("project/" + name, n -> new ArrayList<>());
      Manifest top = manifest(bundle, image.digest(), image.mediaType());
      List<Manifest> manifests = new ArrayList<>();
      if (top instanceof ImageIndex list2) {
        for (Descriptor child : list2.manifests()) {
          manifests.add(manifest(bundle, child.digest().toString(), child.mediaType()));
        }
      } else {
        manifests.add(top);
      }
      for (Manifest manifest : manifests) {
        for (Descriptor blob : ((ImageManifest) manifest).blobs()) {
          if (list.stream().noneMatch(b -> b.digest().equals(blob.digest()))) {
            list.add(blob);
          }
        }
      }
    }
    return blobs;
  }

  private static Manifest manifest(BundleFile bundle, String digest, String mediaType) {
    return Manifest.parse(
        bundle.read(bundle.blob(io.ferry.oci.Digest.parse(digest)).orElseThrow(), 4 << 20),
        mediaType);
  }
}
