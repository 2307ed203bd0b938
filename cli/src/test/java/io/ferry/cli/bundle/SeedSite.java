package io.ferry.cli.bundle;

import io.ferry.oci.Descriptor;
import io.ferry.oci.MediaTypes;
import io.ferry.oci.Platform;
import io.ferry.oci.TransferListener;
import io.ferry.oci.auth.CredentialProvider;
import io.ferry.oci.auth.Credentials;
import io.ferry.oci.manifest.ImageIndex;
import io.ferry.oci.manifest.ImageManifest;
import io.ferry.oci.manifest.Manifest;
import io.ferry.oci.registry.BlobSource;
import io.ferry.oci.registry.RegistryClient;
import io.ferry.oci.registry.TransportOptions;
import io.ferry.testkit.registry.OciRegistry;
import io.ferry.testkit.registry.TokenAuth;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * The seed example copied into a folder with its vendor registry replaced by a test registry, and
 * its three images pushed there: gatekeeper (OCI index, amd64 + arm64), abc-service (Docker
 * manifest list, amd64 + arm64, sharing gatekeeper's base layers), busybox (one Docker manifest).
 */
final class SeedSite {

  static final List<String> REPOSITORIES =
      List.of("project/gatekeeper:v362", "project1/abc-service:1.4.0", "library/busybox:1.36");

  final Set<String> arm64Blobs = new HashSet<>();
  final Map<String, Manifest> pushed = new java.util.LinkedHashMap<>();
  private final Map<String, byte[]> bases = new java.util.HashMap<>();

  /** Copies the seed example into {@code dir}, pointing it at {@code registry}. */
  static Path copyExample(Path dir, String registry) throws IOException {
    Path example = SeedExample.dir();
    try (Stream<Path> files = Files.walk(example)) {
      for (Path file : files.toList()) {
        Path target = dir.resolve(example.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          String text = Files.readString(file, StandardCharsets.UTF_8);
          Files.writeString(
              target, text.replace("registry.vendor.example", registry), StandardCharsets.UTF_8);
        }
      }
    }
    return dir.resolve("ferry.yaml");
  }

  /** The password of user {@code vendor} on {@link #vendorRegistry()}. */
  static final String VENDOR_PASSWORD = "Vendor-Pass1";

  /** The vendor registry the example's images come from: TLS, token auth for user vendor. */
  static OciRegistry vendorRegistry() {
    return OciRegistry.builder()
        .tls()
        .tokenAuth(TokenAuth.builder().user("vendor", VENDOR_PASSWORD).build())
        .build();
  }

  /** A client of {@code vendor} (a {@link #vendorRegistry()}) that trusts its CA. */
  static RegistryClient vendorClient(OciRegistry vendor) {
    return RegistryClient.builder(vendor.hostAndPort())
        .credentials(CredentialProvider.of(new Credentials("vendor", VENDOR_PASSWORD)))
        .transport(TransportOptions.defaults().withCaFile(vendor.caCertificatePem()))
        .build();
  }

  /**
   * Seeds {@code vendor} (a {@link #vendorRegistry()}) with the example's images, then creates
   * {@code dir/citybrain.tar} from a copy of the example in {@code dir/example}.
   */
  static Path createBundle(OciRegistry vendor, Path dir) throws IOException {
    new SeedSite().pushImages(vendorClient(vendor), 50_000);
    Path spec = copyExample(dir.resolve("example"), vendor.hostAndPort());
    return createBundle(vendor, spec, dir.resolve("citybrain.tar"));
  }

  /** Runs {@code ferry bundle create} of {@code spec} into {@code bundle}; fails if it fails. */
  static Path createBundle(OciRegistry vendor, Path spec, Path bundle) {
    CliRun create = new CliRun();
    int code = create(create, spec, bundle, VENDOR_PASSWORD, vendor.caCertificatePem());
    if (code != 0) {
      throw new IllegalStateException("ferry bundle create exited " + code + ": " + create.err);
    }
    return bundle;
  }

  /**
   * Runs {@code ferry bundle create} of {@code spec} into {@code bundle} in {@code run}, as the
   * vendor user with {@code password} on standard input, trusting {@code caFile}; returns its exit
   * code.
   */
  static int create(CliRun run, Path spec, Path bundle, String password, Path caFile) {
    return run.runWithStdin(
        password + "\n",
        "bundle",
        "create",
        "-f",
        spec.toString(),
        "-o",
        bundle.toString(),
        "--username",
        "vendor",
        "--password-stdin",
        "--ca-file",
        caFile.toString());
  }

  /** Writes a spec with one service, {@code name}, running {@code image}; returns its path. */
  static Path oneServiceSpec(Path dir, String name, String image) throws IOException {
    return Files.writeString(
        dir.resolve("ferry.yaml"),
        """
        apiVersion: ferry.dev/v1alpha1
        kind: Platform
        metadata:
          name: %s
          version: 1.0.0
        spec:
          arches: [amd64]
          registry:
            host: registry.site.internal
            project: project
          namespace: project
          domain: example.internal
          services:
            %s:
              image: %s
        """
            .formatted(name, name, image),
        StandardCharsets.UTF_8);
  }

  /** Pushes the example's images. */
  void pushImages(RegistryClient client, int layerSize) {
    pushed.put(
        REPOSITORIES.get(0), pushMultiArch(client, "project/gatekeeper", "v362", true, layerSize));
    pushed.put(
        REPOSITORIES.get(1),
        pushMultiArch(client, "project1/abc-service", "1.4.0", false, layerSize));
    ImageManifest busybox = image(client, "library/busybox", "amd64", false, layerSize);
    client.pushManifest("library/busybox", "1.36", busybox);
    pushed.put(REPOSITORIES.get(2), busybox);
  }

  private ImageIndex pushMultiArch(
      RegistryClient client, String repository, String tag, boolean oci, int size) {
    List<Descriptor> entries = new ArrayList<>();
    for (String arch : List.of("amd64", "arm64")) {
      ImageManifest manifest = image(client, repository, arch, oci, size);
      client.pushManifest(repository, manifest.digest().toString(), manifest);
      if (arch.equals("arm64")) {
        arm64Blobs.add(manifest.digest().toString());
      }
      entries.add(manifest.descriptor().withPlatform(new Platform("linux", arch, null)));
    }
    ImageIndex index =
        ImageIndex.of(
            oci ? MediaTypes.OCI_INDEX : MediaTypes.DOCKER_MANIFEST_LIST, entries, Map.of());
    client.pushManifest(repository, tag, index);
    return index;
  }

  private ImageManifest image(
      RegistryClient client, String repository, String arch, boolean oci, int size) {
    String layerType = oci ? MediaTypes.OCI_LAYER_GZIP : MediaTypes.DOCKER_LAYER_GZIP;
    byte[] base = bases.computeIfAbsent(arch, a -> gzippedRandom(size));
    byte[] own = gzippedRandom(size / 2);
    byte[] config =
        ("{\"architecture\":\""
                + arch
                + "\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\","
                + "\"diff_ids\":[]},\"nonce\":"
                + ThreadLocalRandom.current().nextLong()
                + "}")
            .getBytes(StandardCharsets.UTF_8);
    Descriptor baseLayer = Descriptor.of(layerType, base);
    Descriptor ownLayer = Descriptor.of(layerType, own);
    Descriptor configBlob =
        Descriptor.of(oci ? MediaTypes.OCI_CONFIG : MediaTypes.DOCKER_CONFIG, config);
    for (var blob :
        List.of(
            Map.entry(baseLayer, base), Map.entry(ownLayer, own), Map.entry(configBlob, config))) {
      client.pushBlob(
          repository, blob.getKey(), BlobSource.of(blob.getValue()), TransferListener.NONE);
      if (arch.equals("arm64")) {
        arm64Blobs.add(blob.getKey().digest().toString());
      }
    }
    return ImageManifest.of(
        oci ? MediaTypes.OCI_MANIFEST : MediaTypes.DOCKER_MANIFEST,
        configBlob,
        List.of(baseLayer, ownLayer),
        Map.of());
  }

  private static byte[] gzippedRandom(int size) {
    byte[] bytes = new byte[size];
    ThreadLocalRandom.current().nextBytes(bytes);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
