package io.ferry.oci.layout;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.oci.Descriptor;
import io.ferry.oci.MediaTypes;
import io.ferry.oci.Platform;
import io.ferry.oci.TransferListener;
import io.ferry.oci.manifest.ImageIndex;
import io.ferry.oci.manifest.ImageManifest;
import io.ferry.oci.manifest.Manifest;
import io.ferry.oci.registry.BlobSource;
import io.ferry.oci.registry.RegistryClient;
import io.ferry.testkit.RealService;
import io.ferry.testkit.registry.OciRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ferry's client and layout against {@code skopeo} as an independent peer, both ways, through a
 * real registry: what Ferry pushes skopeo reads, and what Ferry writes skopeo copies.
 */
class SkopeoInteropTest {

  @RegisterExtension static final OciRegistry registry = new OciRegistry();

  @TempDir Path folder;

  private Path skopeo;
  private RegistryClient client;

  @BeforeEach
  void setUp() {
    skopeo = RealService.require(Path.of("/usr/bin/skopeo"), "skopeo");
    client = RegistryClient.builder(registry.hostAndPort()).build();
  }

  /** Pushes a two-platform OCI image (amd64 + arm64 sharing a base layer) tagged {@code tag}. */
  private ImageIndex pushMultiArchImage(String repository, String tag) throws IOException {
    byte[] base = gzippedRandom(20_000);
    Descriptor baseLayer = Descriptor.of(MediaTypes.OCI_LAYER_GZIP, base);
    client.pushBlob(repository, baseLayer, BlobSource.of(base), TransferListener.NONE);
    List<Descriptor> entries = new ArrayList<>();
    for (String architecture : List.of("amd64", "arm64")) {
      byte[] config =
          ("{\"architecture\":\""
                  + architecture
                  + "\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}")
              .getBytes(StandardCharsets.UTF_8);
      byte[] own = gzippedRandom(5_000);
      Descriptor configDescriptor = Descriptor.of(MediaTypes.OCI_CONFIG, config);
      Descriptor ownLayer = Descriptor.of(MediaTypes.OCI_LAYER_GZIP, own);
      client.pushBlob(repository, configDescriptor, BlobSource.of(config), TransferListener.NONE);
      client.pushBlob(repository, ownLayer, BlobSource.of(own), TransferListener.NONE);
      ImageManifest manifest =
          ImageManifest.of(
              MediaTypes.OCI_MANIFEST, configDescriptor, List.of(baseLayer, ownLayer), Map.of());
      client.pushManifest(repository, manifest.digest().toString(), manifest);
      entries.add(manifest.descriptor().withPlatform(new Platform("linux", architecture, null)));
    }
    ImageIndex index = ImageIndex.of(MediaTypes.OCI_INDEX, entries, Map.of());
    client.pushManifest(repository, tag, index);
    return index;
  }

  @Test
  void skopeoReadsWhatFerryPushedAndFerryReadsTheLayoutSkopeoWrites() throws Exception {
    ImageIndex index = pushMultiArchImage("ferry/pushed", "1.0");
    String source = "docker://" + registry.hostAndPort() + "/ferry/pushed:1.0";

    String raw = skopeo("inspect", "--raw", "--tls-verify=false", source);
    skopeo(
        "copy",
        "--all",
        "--src-tls-verify=false",
        source,
        "oci:" + folder.resolve("copy") + ":1.0");

    assertThat(raw.getBytes(StandardCharsets.UTF_8)).isEqualTo(index.raw());
    OciLayoutReader reader = LayoutDirectory.at(folder.resolve("copy")).reader();
    Manifest copied = reader.image("1.0").orElseThrow();
    assertThat(copied.digest()).isEqualTo(index.digest());
    for (Descriptor entry : ((ImageIndex) copied).manifests()) {
      ImageManifest manifest = (ImageManifest) reader.manifest(entry);
      for (Descriptor blob : manifest.blobs()) {
        try (InputStream in = reader.blob(blob)) {
          in.transferTo(OutputStream.nullOutputStream());
        }
      }
    }
  }

  @Test
  void skopeoCopiesALayoutFerryWroteFromTheRegistryIntoAnotherRepository() throws Exception {
    ImageIndex index = pushMultiArchImage("ferry/source", "2.0");
    LayoutDirectory layout = LayoutDirectory.at(folder.resolve("ferry"));
    OciLayoutWriter writer = layout.writer();
    for (Descriptor entry : index.manifests()) {
      ImageManifest manifest =
          (ImageManifest) client.pullManifest("ferry/source", entry.digest().toString());
      for (Descriptor blob : manifest.blobs()) {
        try (InputStream in = client.pullBlob("ferry/source", blob)) {
          writer.addBlob(blob, in);
        }
      }
      writer.addManifest(manifest);
    }
    writer.tag("2.0", writer.addManifest(client.pullManifest("ferry/source", "2.0")));
    writer.finish();

    skopeo(
        "copy",
        "--all",
        "--dest-tls-verify=false",
        "oci:" + layout.root() + ":2.0",
        "docker://" + registry.hostAndPort() + "/ferry/copied:2.0");

    assertThat(client.checkManifest("ferry/copied", "2.0").orElseThrow().digest())
        .isEqualTo(index.digest());
  }

  private String skopeo(String... arguments) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(skopeo.toString());
    command.addAll(List.of(arguments));
    Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
    byte[] out = process.getInputStream().readAllBytes();
    byte[] err = process.getErrorStream().readAllBytes();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("skopeo finished").isTrue();
    assertThat(process.exitValue())
        .as(String.join(" ", command) + ": " + new String(err, StandardCharsets.UTF_8))
        .isZero();
    return new String(out, StandardCharsets.UTF_8);
  }

  /** Layers must really be gzip: skopeo sniffs them and compresses what is not. */
  private static byte[] gzippedRandom(int size) throws IOException {
    byte[] bytes = new byte[size];
    ThreadLocalRandom.current().nextBytes(bytes);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(bytes);
    }
    return out.toByteArray();
  }
}
