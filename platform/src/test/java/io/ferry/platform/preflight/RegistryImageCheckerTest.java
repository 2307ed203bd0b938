package io.ferry.platform.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.oci.Descriptor;
import io.ferry.oci.MediaTypes;
import io.ferry.oci.TransferListener;
import io.ferry.oci.manifest.ImageManifest;
import io.ferry.oci.registry.BlobSource;
import io.ferry.oci.registry.RegistryClient;
import io.ferry.testkit.registry.OciRegistry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Manifest HEAD through the oci client, against a real registry (Debian's docker-registry). */
class RegistryImageCheckerTest {

  @RegisterExtension static final OciRegistry registry = new OciRegistry();

  @Test
  void imageInTheRegistryIsPresentAndOneNotPushedIsAProblem() {
    RegistryClient client = RegistryClient.builder(registry.hostAndPort()).build();
    byte[] config =
        "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}"
            .getBytes(StandardCharsets.UTF_8);
    byte[] layer = "not really a tarball".getBytes(StandardCharsets.UTF_8);
    Descriptor configDescriptor = Descriptor.of(MediaTypes.OCI_CONFIG, config);
    Descriptor layerDescriptor = Descriptor.of(MediaTypes.OCI_LAYER_GZIP, layer);
    client.pushBlob("shop/web", configDescriptor, BlobSource.of(config), TransferListener.NONE);
    client.pushBlob("shop/web", layerDescriptor, BlobSource.of(layer), TransferListener.NONE);
    client.pushManifest(
        "shop/web",
        "1.0",
        ImageManifest.of(
            MediaTypes.OCI_MANIFEST, configDescriptor, List.of(layerDescriptor), Map.of()));
    ImageChecker checker = new RegistryImageChecker(host -> RegistryClient.builder(host).build());

    Finding present = checker.check(registry.hostAndPort() + "/shop/web:1.0");
    Finding missing = checker.check(registry.hostAndPort() + "/shop/web:2.0");

    assertThat(present.level()).isEqualTo(Finding.Level.OK);
    assertThat(present.message()).startsWith("present (sha256:");
    assertThat(missing.level()).isEqualTo(Finding.Level.PROBLEM);
    assertThat(missing.message())
        .isEqualTo(
            "not in registry "
                + registry.hostAndPort()
                + " (push the release's bundle there first: ferry bundle push)");
  }
}
