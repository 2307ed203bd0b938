package io.ferry.cli.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.oci.Descriptor;
import io.ferry.oci.MediaTypes;
import io.ferry.oci.TransferListener;
import io.ferry.oci.manifest.ImageManifest;
import io.ferry.oci.registry.BlobSource;
import io.ferry.oci.registry.RegistryClient;
import io.ferry.testkit.registry.OciRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ferry bundle inspect} of a bundle holding a layer that came uncompressed: the table and
 * the JSON say how many layers are stored compressed and how many bytes the blobs take in the file,
 * next to their own size.
 */
class InspectStoredSizeTest {

  @RegisterExtension static final OciRegistry vendor = new OciRegistry();

  /** Long enough that the reference passes the 60 columns the table once had for it. */
  private static final String REPOSITORY =
      "vendor/documentation-bundle-with-a-long-repository-name";

  @TempDir Path dir;

  @Test
  void inspectSaysWhichLayersAreStoredCompressedAndWhatTheyTakeInTheFile() throws Exception {
    StringBuilder text = new StringBuilder();
    for (int i = 0; text.length() < 1_000_000; i++) {
      text.append("usr/share/doc/package-").append(i % 613).append("/changelog\n");
    }
    byte[] plain = text.toString().getBytes(StandardCharsets.UTF_8);
    byte[] random = new byte[40_000];
    new SplittableRandom(3).nextBytes(random);
    byte[] config =
        "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}"
            .getBytes(StandardCharsets.UTF_8);
    Descriptor plainLayer = Descriptor.of(MediaTypes.OCI_LAYER, plain);
    Descriptor gzipLayer = Descriptor.of(MediaTypes.OCI_LAYER_GZIP, random);
    Descriptor configBlob = Descriptor.of(MediaTypes.OCI_CONFIG, config);
    RegistryClient client = RegistryClient.builder(vendor.hostAndPort()).build();
    client.pushBlob(REPOSITORY, plainLayer, BlobSource.of(plain), TransferListener.NONE);
    client.pushBlob(REPOSITORY, gzipLayer, BlobSource.of(random), TransferListener.NONE);
    client.pushBlob(REPOSITORY, configBlob, BlobSource.of(config), TransferListener.NONE);
    ImageManifest image =
        ImageManifest.of(
            MediaTypes.OCI_MANIFEST, configBlob, List.of(plainLayer, gzipLayer), Map.of());
    client.pushManifest(REPOSITORY, "1.0", image);
    long others = random.length + config.length + image.raw().length; // stored as they are
    Path spec =
        SeedSite.oneServiceSpec(dir, "docs", vendor.hostAndPort() + "/" + REPOSITORY + ":1.0");
    Path bundle = dir.resolve("docs.tar");
    CliRun create = new CliRun();
    assertThat(create.run("bundle", "create", "-f", spec.toString(), "-o", bundle.toString()))
        .as(create.err.toString())
        .isZero();

    CliRun json = new CliRun();
    assertThat(json.run("bundle", "inspect", bundle.toString(), "--json")).isZero();
    JsonNode root = new ObjectMapper().readTree(json.out.toString());
    long total = root.path("totalBytes").asLong();
    long stored = root.path("bytesStored").asLong();
    assertThat(total).as("the manifest is a blob too").isEqualTo(plain.length + others);
    assertThat(root.path("compressedLayers").asInt()).isEqualTo(1);
    assertThat(stored)
        .as("the text layer stored in a fraction of its size, the others as they are")
        .isGreaterThan(others)
        .isLessThan(others + plain.length / 5L);
    assertThat(Files.size(bundle)).isLessThan(total);

    CliRun table = new CliRun();
    assertThat(table.run("bundle", "inspect", bundle.toString())).isZero();
    assertThat(table.out.toString())
        .contains("total " + Sizes.bytes(total) + " in 4 blobs")
        .contains(
            "; 1 uncompressed layer stored gzip-compressed, blobs take "
                + Sizes.bytes(stored)
                + " in the file");
    String reference = vendor.hostAndPort() + "/" + REPOSITORY + ":1.0";
    assertThat(reference).hasSizeGreaterThan(60);
    List<String> lines = table.out.toString().lines().toList();
    String row =
        lines.stream().filter(line -> line.startsWith(reference)).findFirst().orElseThrow();
    String heading =
        lines.stream().filter(line -> line.startsWith("IMAGE")).findFirst().orElseThrow();
    assertThat(heading.indexOf("PLATFORMS"))
        .as("the platforms column starts where it does in the row, past the long reference")
        .isEqualTo(reference.length() + 2)
        .isEqualTo(row.indexOf("linux/amd64"));

    CliRun verify = new CliRun();
    assertThat(verify.run("bundle", "verify", bundle.toString()))
        .as(verify.out + "" + verify.err)
        .isZero();
  }
}
