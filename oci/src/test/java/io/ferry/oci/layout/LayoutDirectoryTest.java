package io.ferry.oci.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.oci.Descriptor;
import io.ferry.oci.DigestMismatchException;
import io.ferry.oci.MediaTypes;
import io.ferry.oci.manifest.ImageManifest;
import io.ferry.oci.manifest.Manifest;
import io.ferry.testkit.RealService;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayoutDirectoryTest {

  @TempDir Path folder;

  private static byte[] random(int size) {
    byte[] bytes = new byte[size];
    ThreadLocalRandom.current().nextBytes(bytes);
    return bytes;
  }

  private static byte[] config(String architecture, String name) {
    return ("{\"architecture\":\""
            + architecture
            + "\",\"config\":{\"Labels\":{\"name\":\""
            + name
            + "\"}},\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** Writes two images sharing a base layer and returns the second's manifest. */
  private ImageManifest writeTwoImagesSharingALayer(LayoutDirectory layout) {
    OciLayoutWriter writer = layout.writer();
    byte[] base = random(10_000);
    Descriptor baseLayer = Descriptor.of(MediaTypes.OCI_LAYER_GZIP, base);
    ImageManifest last = null;
    for (String name : List.of("app", "worker")) {
      byte[] config = config("amd64", name);
      byte[] own = random(2_000);
      Descriptor configDescriptor = Descriptor.of(MediaTypes.OCI_CONFIG, config);
      Descriptor ownLayer = Descriptor.of(MediaTypes.OCI_LAYER_GZIP, own);
      boolean baseWritten = writer.addBlob(baseLayer, new ByteArrayInputStream(base));
      assertThat(baseWritten)
          .as("base layer written only for the first image")
          .isEqualTo(name.equals("app"));
      writer.addBlob(configDescriptor, new ByteArrayInputStream(config));
      writer.addBlob(ownLayer, new ByteArrayInputStream(own));
      last =
          ImageManifest.of(
              MediaTypes.OCI_MANIFEST, configDescriptor, List.of(baseLayer, ownLayer), Map.of());
      writer.tag(name, writer.addManifest(last));
    }
    writer.finish();
    return last;
  }

  @Test
  void writesALayoutThatReadsBackWithSharedBlobsStoredOnce() throws Exception {
    LayoutDirectory layout = LayoutDirectory.at(folder.resolve("oci"));

    ImageManifest worker = writeTwoImagesSharingALayer(layout);

    Path root = layout.root();
    assertThat(root.resolve("oci-layout")).hasContent("{\"imageLayoutVersion\":\"1.0.0\"}");
    try (Stream<Path> blobs = Files.list(root.resolve("blobs/sha256"))) {
      assertThat(blobs.count())
          .as("1 shared layer + 2 configs + 2 own layers + 2 manifests")
          .isEqualTo(7);
    }
    OciLayoutReader reader = layout.reader();
    assertThat(reader.index().refNames()).containsExactly("app", "worker");
    Manifest read = reader.image("worker").orElseThrow();
    assertThat(read.raw()).isEqualTo(worker.raw());
    try (InputStream in = reader.blob(worker.layers().get(1))) {
      assertThat(in.readAllBytes()).hasSize(2_000);
    }
  }

  @Test
  void refusesBlobContentThatDoesNotMatchItsDigestAndLeavesNothingBehind() {
    LayoutDirectory layout = LayoutDirectory.at(folder);
    byte[] content = random(1_000);
    Descriptor blob = Descriptor.of(MediaTypes.OCI_LAYER_GZIP, content);
    byte[] other = random(1_000);

    assertThatThrownBy(() -> layout.writer().addBlob(blob, new ByteArrayInputStream(other)))
        .isInstanceOf(DigestMismatchException.class)
        .hasMessageContaining(blob.digest().toString());
    assertThat(layout.hasBlob(blob.digest())).isFalse();
    assertThat(folder.resolve("blobs/sha256")).isEmptyDirectory();
  }

  @Test
  void readingDetectsABlobCorruptedOnDisk() throws Exception {
    LayoutDirectory layout = LayoutDirectory.at(folder);
    ImageManifest worker = writeTwoImagesSharingALayer(layout);
    Descriptor layer = worker.layers().get(0);
    Path file = folder.resolve(OciLayout.blobPath(layer.digest()));
    byte[] bytes = Files.readAllBytes(file);
    bytes[42] ^= 0x01;
    Files.write(file, bytes);

    assertThatThrownBy(
            () -> {
              try (InputStream in = layout.reader().blob(layer)) {
                in.readAllBytes();
              }
            })
        .isInstanceOf(DigestMismatchException.class)
        .hasMessageContaining("blob " + layer.digest() + " from " + folder);
  }

  @Test
  void aFolderWithoutOciLayoutIsNotALayout() {
    assertThatThrownBy(() -> LayoutDirectory.at(folder).reader())
        .isInstanceOf(LayoutException.class)
        .hasMessageContaining("is not an OCI image layout: it has no oci-layout");
  }

  @Test
  void aMissingBlobIsNamed() throws Exception {
    LayoutDirectory layout = LayoutDirectory.at(folder);
    ImageManifest worker = writeTwoImagesSharingALayer(layout);
    Files.delete(folder.resolve(OciLayout.blobPath(worker.config().digest())));

    assertThatThrownBy(() -> layout.reader().blob(worker.config()))
        .isInstanceOf(LayoutException.class)
        .hasMessageContaining("Blob " + worker.config().digest() + " is missing");
  }

  @Test
  void skopeoReadsTheLayoutFerryWrites() throws Exception {
    Path skopeo = RealService.require(Path.of("/usr/bin/skopeo"), "skopeo");
    LayoutDirectory layout = LayoutDirectory.at(folder.resolve("oci"));
    ImageManifest worker = writeTwoImagesSharingALayer(layout);

    Process process =
        new ProcessBuilder(
                skopeo.toString(), "inspect", "--raw", "oci:" + layout.root() + ":worker")
            .redirectErrorStream(true)
            .start();
    byte[] output = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(process.exitValue()).as(new String(output, StandardCharsets.UTF_8)).isZero();
    assertThat(output).isEqualTo(worker.raw());
  }
}
