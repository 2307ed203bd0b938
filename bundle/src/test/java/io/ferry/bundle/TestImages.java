package io.ferry.bundle;

import io.ferry.oci.Descriptor;
import io.ferry.oci.MediaTypes;
import io.ferry.oci.Platform;
import io.ferry.oci.TransferListener;
import io.ferry.oci.manifest.ImageIndex;
import io.ferry.oci.manifest.ImageManifest;
import io.ferry.oci.registry.BlobSource;
import io.ferry.oci.registry.RegistryClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.GZIPOutputStream;

/**
 * Images made by the tests: two multi-arch images (one OCI index, one Docker manifest list) sharing
 * a base layer per architecture, and a single-platform Docker image. Remembers every arm64 blob.
 */
final class TestImages {

  final Set<String> arm64Blobs = new HashSet<>();
  final Set<String> amd64Blobs = new HashSet<>();
  private final RegistryClient client;
  private final Map<String, Descriptor> bases = new java.util.HashMap<>();

  TestImages(RegistryClient client) {
    this.client = client;
  }

  /** Pushes a multi-arch image ({@code oci} index or Docker list) and returns its index. */
  ImageIndex pushMultiArch(String repository, String tag, boolean oci, int layerSize) {
    List<Descriptor> entries = new ArrayList<>();
    for (String arch : List.of("amd64", "arm64")) {
      ImageManifest manifest = pushImage(repository, arch, oci, layerSize);
      client.pushManifest(repository, manifest.digest().toString(), manifest);
      entries.add(manifest.descriptor().withPlatform(new Platform("linux", arch, null)));
      (arch.equals("arm64") ? arm64Blobs : amd64Blobs).add(manifest.digest().toString());
    }
    ImageIndex index =
        ImageIndex.of(
            oci ? MediaTypes.OCI_INDEX : MediaTypes.DOCKER_MANIFEST_LIST, entries, Map.of());
    client.pushManifest(repository, tag, index);
    return index;
  }

  /** Pushes a single-platform image tagged {@code tag}. */
  ImageManifest pushSingle(String repository, String tag, String arch, boolean oci, int layerSize) {
    ImageManifest manifest = pushImage(repository, arch, oci, layerSize);
    client.pushManifest(repository, tag, manifest);
    return manifest;
  }

  private ImageManifest pushImage(String repository, String arch, boolean oci, int layerSize) {
    String layerType = oci ? MediaTypes.OCI_LAYER_GZIP : MediaTypes.DOCKER_LAYER_GZIP;
    Descriptor base =
        bases.computeIfAbsent(arch, a -> Descriptor.of(layerType, gzippedRandom(layerSize)));
    byte[] baseBytes = baseContent.get(base.digest().toString());
    base = Descriptor.of(layerType, base.digest(), base.size());
    push(repository, base, baseBytes, arch);
    byte[] own = gzippedRandom(layerSize / 2);
    Descriptor ownLayer = Descriptor.of(layerType, own);
    push(repository, ownLayer, own, arch);
    byte[] config =
        ("{\"architecture\":\""
                + arch
                + "\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]},\"nonce\":"
                + ThreadLocalRandom.current().nextLong()
                + "}")
            .getBytes(StandardCharsets.UTF_8);
    Descriptor configDescriptor =
        Descriptor.of(oci ? MediaTypes.OCI_CONFIG : MediaTypes.DOCKER_CONFIG, config);
    push(repository, configDescriptor, config, arch);
    return ImageManifest.of(
        oci ? MediaTypes.OCI_MANIFEST : MediaTypes.DOCKER_MANIFEST,
        configDescriptor,
        List.of(base, ownLayer),
        Map.of());
  }

  private final Map<String, byte[]> baseContent = new java.util.HashMap<>();

  private void push(String repository, Descriptor blob, byte[] content, String arch) {
    client.pushBlob(repository, blob, BlobSource.of(content), TransferListener.NONE);
    (arch.equals("arm64") ? arm64Blobs : amd64Blobs).add(blob.digest().toString());
  }

  /** Layers must really be gzip: skopeo sniffs them and compresses what is not. */
  private byte[] gzippedRandom(int size) {
    byte[] bytes = new byte[size];
    ThreadLocalRandom.current().nextBytes(bytes);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] gz = out.toByteArray();
    baseContent.put(io.ferry.oci.Digest.of(gz).toString(), gz);
    return gz;
  }
}
