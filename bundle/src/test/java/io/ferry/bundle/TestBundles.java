package io.ferry.bundle;

import io.ferry.oci.auth.CredentialProvider;
import io.ferry.oci.auth.Credentials;
import io.ferry.oci.registry.RegistryClient;
import io.ferry.oci.registry.TransportOptions;
import io.ferry.testkit.registry.OciRegistry;
import io.ferry.testkit.registry.TokenAuth;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** A spec naming test images in a source registry, and bundles created from it. */
final class TestBundles {

  static final String USER = "vendor";
  static final String PASSWORD = "s3cret-Pass";

  private TestBundles() {}

  /** The vendor registry the tests copy from: TLS with a test CA, token auth for {@link #USER}. */
  static OciRegistry sourceRegistry() {
    return OciRegistry.builder()
        .tls()
        .tokenAuth(TokenAuth.builder().user(USER, PASSWORD).build())
        .build();
  }

  static RegistryClients clients(OciRegistry source) {
    return new RegistryClients(
        CredentialProvider.of(new Credentials(USER, PASSWORD)),
        TransportOptions.defaults().withCaFile(source.caCertificatePem()));
  }

  static RegistryClient client(OciRegistry source) {
    return clients(source).client(source.hostAndPort());
  }

  /** Writes ferry.yaml (and a rule file) naming {@code images}: first two as services. */
  static Path writeSpec(Path dir, List<String> images) throws IOException {
    StringBuilder yaml =
        new StringBuilder(
            """
            apiVersion: ferry.dev/v1alpha1
            kind: Platform
            metadata:
              name: citybrain
              version: 3.6.2
            spec:
              arches: [amd64]
              registry:
                host: dockerhub.kubekey.local
                project: project
              namespace: project
              domain: example.internal
              services:
            """);
    for (int i = 0; i < Math.min(2, images.size()); i++) {
      yaml.append("    svc")
          .append(i)
          .append(":\n      image: ")
          .append(images.get(i))
          .append('\n');
    }
    yaml.append("  images:\n");
    for (int i = 2; i < images.size(); i++) {
      yaml.append("    - ").append(images.get(i)).append('\n');
    }
    yaml.append("  monitoring:\n    rules: [monitoring/*.yaml]\n");
    Files.createDirectories(dir.resolve("monitoring"));
    Files.writeString(
        dir.resolve("monitoring/platform.yaml"),
        "groups:\n- name: platform\n  rules:\n  - alert: Down\n    expr: up == 0\n",
        StandardCharsets.UTF_8);
    Path spec = dir.resolve("ferry.yaml");
    Files.writeString(spec, yaml.toString(), StandardCharsets.UTF_8);
    return spec;
  }

  static CreateResult create(
      OciRegistry source, Path spec, Path output, List<io.ferry.oci.Platform> platforms) {
    return create(
        source,
        spec,
        output,
        platforms,
        CreateRequest.DEFAULT_PARALLEL,
        Clock.systemUTC(),
        CreateListener.NONE);
  }

  static CreateResult create(
      OciRegistry source,
      Path spec,
      Path output,
      List<io.ferry.oci.Platform> platforms,
      int parallel,
      Clock clock,
      CreateListener listener) {
    return new BundleCreator(clients(source), clock, listener)
        .create(
            new CreateRequest(
                spec, Optional.empty(), output, platforms, Optional.empty(), parallel, false));
  }
}
