package io.ferry.cli.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.oci.Descriptor;
import io.ferry.oci.Digest;
import io.ferry.oci.MediaTypes;
import io.ferry.oci.TransferListener;
import io.ferry.oci.manifest.ImageManifest;
import io.ferry.oci.registry.BlobSource;
import io.ferry.oci.registry.RegistryClient;
import io.ferry.testkit.registry.OciRegistry;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Peak heap does not grow with layer size: a layer four times the size of the heap goes through
 * {@code create}, {@code verify} and {@code push}, each a process of its own under {@code -Xmx}. A
 * command that held a layer (or a good part of it) in memory would end with an OutOfMemoryError.
 */
class BundleHeapTest {

  private static final int HEAP_MIB = 64;
  private static final long LAYER_BYTES = 4L * HEAP_MIB * 1024 * 1024;

  @RegisterExtension static final OciRegistry vendor = new OciRegistry();
  @RegisterExtension static final OciRegistry site = new OciRegistry();

  @TempDir Path dir;

  @Test
  void aLayerFourTimesTheHeapIsCreatedVerifiedAndPushedUnderXmx() throws Exception {
    Path layerFile = dir.resolve("layer");
    Descriptor layer =
        Descriptor.of(MediaTypes.OCI_LAYER_GZIP, writeRandom(layerFile, LAYER_BYTES), LAYER_BYTES);
    byte[] config =
        "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}"
            .getBytes(StandardCharsets.UTF_8);
    Descriptor configBlob = Descriptor.of(MediaTypes.OCI_CONFIG, config);
    RegistryClient source = RegistryClient.builder(vendor.hostAndPort()).build();
    source.pushBlob(
        "vendor/big", layer, BlobSource.of(layerFile, 0, LAYER_BYTES), TransferListener.NONE);
    source.pushBlob("vendor/big", configBlob, BlobSource.of(config), TransferListener.NONE);
    ImageManifest image =
        ImageManifest.of(MediaTypes.OCI_MANIFEST, configBlob, List.of(layer), Map.of());
    source.pushManifest("vendor/big", "1.0", image);
    Files.delete(layerFile);

    Path spec = SeedSite.oneServiceSpec(dir, "big", vendor.hostAndPort() + "/vendor/big:1.0");
    Path bundle = dir.resolve("big.tar");

    run("bundle", "create", "-f", spec.toString(), "-o", bundle.toString());
    assertThat(Files.size(bundle)).isGreaterThan(LAYER_BYTES);
    run("bundle", "verify", bundle.toString());
    run("bundle", "push", bundle.toString(), "--registry", site.hostAndPort());

    RegistryClient target = RegistryClient.builder(site.hostAndPort()).build();
    assertThat(target.checkBlob("project/big", layer.digest()))
        .isEqualTo(OptionalLong.of(LAYER_BYTES));
    assertThat(target.pullManifest("project/big", "1.0").digest()).isEqualTo(image.digest());
  }

  /** Runs {@code ferry args} under the heap limit; it must succeed. */
  private void run(String... args) throws Exception {
    Path log = dir.resolve(args[1] + ".log");
    Process process =
        CliRun.process(List.of("-Xmx" + HEAP_MIB + "m"), args).redirectOutput(log.toFile()).start();
    process.getOutputStream().close();
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("ferry %s ends", args[1]).isTrue();
    assertThat(process.exitValue())
        .as("ferry %s under -Xmx%dm:%n%s", args[1], HEAP_MIB, Files.readString(log))
        .isZero();
  }

  /** Writes {@code size} random bytes to {@code file}; returns their digest. */
  private static Digest writeRandom(Path file, long size) throws Exception {
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    SplittableRandom random = new SplittableRandom(42);
    byte[] block = new byte[1 << 20];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long left = size; left > 0; left -= block.length) {
        for (int i = 0; i < block.length; i += 8) {
          long value = random.nextLong();
          for (int b = 0; b < 8; b++) {
            block[i + b] = (byte) (value >>> (8 * b));
          }
        }
        int n = (int) Math.min(block.length, left);
        out.write(block, 0, n);
        sha256.update(block, 0, n);
      }
    }
    return Digest.sha256(sha256.digest());
  }
}
