package io.ferry.oci.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.oci.Descriptor;
import io.ferry.oci.Digest;
import io.ferry.oci.MediaTypes;
import io.ferry.oci.Platform;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OciFormTest {

  private static Descriptor blob(String mediaType, String content) {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    return new Descriptor(mediaType, Digest.of(bytes), bytes.length, null, Map.of());
  }

  private static ImageManifest docker(String layer) {
    return ImageManifest.of(
        MediaTypes.DOCKER_MANIFEST,
        blob(MediaTypes.DOCKER_CONFIG, "config " + layer),
        List.of(
            blob(MediaTypes.DOCKER_LAYER_GZIP, layer),
            blob(MediaTypes.DOCKER_LAYER, "plain " + layer),
            blob("application/vnd.docker.image.rootfs.foreign.diff.tar.gzip", "foreign")),
        Map.of());
  }

  @Test
  void aDockerManifestKeepsItsBlobsUnderOciTypes() {
    ImageManifest docker = docker("layer");
    List<Manifest> form = OciForm.of(docker, List.of());

    assertThat(form).hasSize(1);
    ImageManifest oci = (ImageManifest) Manifest.parse(form.get(0).raw(), null);
    assertThat(oci.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
    assertThat(oci.config().mediaType()).isEqualTo(MediaTypes.OCI_CONFIG);
    assertThat(oci.layers())
        .extracting(Descriptor::mediaType)
        .containsExactly(
            MediaTypes.OCI_LAYER_GZIP,
            MediaTypes.OCI_LAYER,
            "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip");
    assertThat(oci.blobs())
        .extracting(Descriptor::digest)
        .containsExactlyElementsOf(docker.blobs().stream().map(Descriptor::digest).toList());
  }

  @Test
  void aManifestListBecomesAnOciIndexOverTheFormsOfItsDockerChildren() {
    ImageManifest amd64 = docker("amd64 layer");
    ImageManifest arm64 = docker("arm64 layer");
    Platform linuxAmd64 = Platform.parse("linux/amd64");
    Platform linuxArm64 = Platform.parse("linux/arm64");
    ImageIndex list =
        ImageIndex.of(
            MediaTypes.DOCKER_MANIFEST_LIST,
            List.of(
                new Descriptor(
                    amd64.mediaType(), amd64.digest(), amd64.raw().length, linuxAmd64, Map.of()),
                new Descriptor(
                    arm64.mediaType(), arm64.digest(), arm64.raw().length, linuxArm64, Map.of())),
            Map.of());

    List<Manifest> form = OciForm.of(list, List.of(amd64, arm64));

    assertThat(form).hasSize(3);
    ImageIndex index = (ImageIndex) form.get(2);
    assertThat(index.mediaType()).isEqualTo(MediaTypes.OCI_INDEX);
    assertThat(index.manifests())
        .extracting(Descriptor::digest)
        .containsExactly(form.get(0).digest(), form.get(1).digest());
    assertThat(index.manifests())
        .extracting(Descriptor::platform)
        .containsExactly(linuxAmd64, linuxArm64);
    assertThat(index.manifests())
        .allSatisfy(entry -> assertThat(entry.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST));
  }

  @Test
  void anOciImageHasNoOtherForm() {
    ImageManifest oci =
        ImageManifest.of(
            MediaTypes.OCI_MANIFEST,
            blob(MediaTypes.OCI_CONFIG, "c"),
            List.of(blob(MediaTypes.OCI_LAYER_GZIP, "l")),
            Map.of());
    assertThat(OciForm.of(oci, List.of())).isEmpty();
  }
}
