package io.ferry.oci.registry;

import io.ferry.oci.Descriptor;
import io.ferry.oci.MediaTypes;
import io.ferry.oci.TransferListener;
import io.ferry.oci.manifest.ImageManifest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** Random blobs and images made by the tests themselves. */
final class TestContent {

  private TestContent() {}

  static byte[] randomBytes(int size) {
    byte[] bytes = new byte[size];
    ThreadLocalRandom.current().nextBytes(bytes);
    return bytes;
  }

  static byte[] config(String architecture) {
    return ("{\"architecture\":\""
            + architecture
            + "\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]},\"nonce\":\""
            + ThreadLocalRandom.current().nextLong()
            + "\"}")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** Pushes a random one-layer image's blobs and returns its (not yet pushed) manifest. */
  static ImageManifest pushImageBlobs(
      RegistryClient client,
      String repository,
      String mediaType,
      String architecture,
      int layerSize) {
    boolean oci = mediaType.equals(MediaTypes.OCI_MANIFEST);
    byte[] config = config(architecture);
    byte[] layer = randomBytes(layerSize);
    Descriptor configDescriptor =
        Descriptor.of(oci ? MediaTypes.OCI_CONFIG : MediaTypes.DOCKER_CONFIG, config);
    Descriptor layerDescriptor =
        Descriptor.of(oci ? MediaTypes.OCI_LAYER_GZIP : MediaTypes.DOCKER_LAYER_GZIP, layer);
    client.pushBlob(repository, configDescriptor, BlobSource.of(config), TransferListener.NONE);
    client.pushBlob(repository, layerDescriptor, BlobSource.of(layer), TransferListener.NONE);
    return ImageManifest.of(mediaType, configDescriptor, List.of(layerDescriptor), Map.of());
  }
}
