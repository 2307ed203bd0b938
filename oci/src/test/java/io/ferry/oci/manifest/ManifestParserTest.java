package io.ferry.oci.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.oci.Descriptor;
import io.ferry.oci.Digest;
import io.ferry.oci.MediaTypes;
import io.ferry.oci.Platform;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManifestParserTest {

  private static final String CONFIG_DIGEST =
      "sha256:b5b2b2c507a0944348e0303114d8d93aaaa081732b86451d9bce1f432a537bc7";
  private static final String LAYER_DIGEST =
      "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  private static byte[] bytes(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void parsesADockerManifestKeepingItsExactBytes() {
    // Spacing and key order as Docker writes them: re-serializing would change the digest.
    byte[] raw =
        bytes(
            "{\n   \"schemaVersion\": 2,\n   \"mediaType\": \""
                + MediaTypes.DOCKER_MANIFEST
                + "\",\n   \"config\": {\"mediaType\": \""
                + MediaTypes.DOCKER_CONFIG
                + "\", \"size\": 7023, \"digest\": \""
                + CONFIG_DIGEST
                + "\"},\n   \"layers\": [{\"mediaType\": \""
                + MediaTypes.DOCKER_LAYER_GZIP
                + "\", \"size\": 32654, \"digest\": \""
                + LAYER_DIGEST
                + "\"}]\n}");

    ImageManifest manifest = (ImageManifest) Manifest.parse(raw, null);

    assertThat(manifest.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST);
    assertThat(manifest.config().size()).isEqualTo(7023);
    assertThat(manifest.layers())
        .singleElement()
        .satisfies(l -> assertThat(l.digest()).isEqualTo(Digest.parse(LAYER_DIGEST)));
    assertThat(manifest.raw()).isEqualTo(raw);
    assertThat(manifest.digest()).isEqualTo(Digest.of(raw));
    assertThat(manifest.blobs()).hasSize(2);
  }

  @Test
  void parsesAnOciIndexWithPlatformsAndADockerManifestList() {
    String entries =
        "[{\"mediaType\":\""
            + MediaTypes.OCI_MANIFEST
            + "\",\"digest\":\""
            + LAYER_DIGEST
            + "\",\"size\":500,\"platform\":{\"architecture\":\"arm64\",\"os\":\"linux\",\"variant\":\"v8\"}}]";

    ImageIndex oci =
        (ImageIndex)
            Manifest.parse(
                bytes(
                    "{\"schemaVersion\":2,\"mediaType\":\""
                        + MediaTypes.OCI_INDEX
                        + "\",\"manifests\":"
                        + entries
                        + "}"),
                null);
    ImageIndex docker =
        (ImageIndex)
            Manifest.parse(
                bytes("{\"schemaVersion\":2,\"manifests\":" + entries + "}"),
                MediaTypes.DOCKER_MANIFEST_LIST);

    assertThat(oci.manifests())
        .singleElement()
        .satisfies(m -> assertThat(m.platform()).isEqualTo(Platform.parse("linux/arm64/v8")));
    assertThat(docker.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST_LIST);
  }

  @Test
  void tellsAnOciManifestWithoutMediaTypeByItsShape() {
    Manifest manifest =
        Manifest.parse(
            bytes(
                "{\"schemaVersion\":2,\"config\":{\"mediaType\":\"x\",\"digest\":\""
                    + CONFIG_DIGEST
                    + "\",\"size\":1},\"layers\":[]}"),
            "application/json");

    assertThat(manifest.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
  }

  @Test
  void listsEveryProblemOfABrokenManifest() {
    byte[] raw =
        bytes(
            "{\"schemaVersion\":2,\"mediaType\":\""
                + MediaTypes.OCI_MANIFEST
                + "\",\"config\":{\"mediaType\":\"x\",\"digest\":\"sha256:short\",\"size\":1},"
                + "\"layers\":[{\"mediaType\":\"y\",\"digest\":\""
                + LAYER_DIGEST
                + "\",\"size\":-4}]}");

    assertThatThrownBy(() -> Manifest.parse(raw, null))
        .isInstanceOf(InvalidManifestException.class)
        .hasMessageContaining("config.digest")
        .hasMessageContaining("layers[0].size was '-4'");
  }

  @Test
  void refusesDockerSchema1ByName() {
    assertThatThrownBy(
            () ->
                Manifest.parse(
                    bytes("{\"schemaVersion\":1,\"name\":\"a\",\"fsLayers\":[]}"),
                    MediaTypes.DOCKER_MANIFEST_V1))
        .isInstanceOf(InvalidManifestException.class)
        .hasMessageContaining("schema 1 is deprecated");
  }

  @Test
  void writesManifestsThatParseBackToTheSameBytes() {
    ImageManifest written =
        ImageManifest.of(
            MediaTypes.OCI_MANIFEST,
            Descriptor.of(MediaTypes.OCI_CONFIG, Digest.parse(CONFIG_DIGEST), 2),
            List.of(),
            Map.of("org.opencontainers.image.version", "1.0"));

    Manifest parsed = Manifest.parse(written.raw(), null);

    assertThat(parsed).isEqualTo(written);
    assertThat(parsed.annotations()).containsEntry("org.opencontainers.image.version", "1.0");
  }
}
