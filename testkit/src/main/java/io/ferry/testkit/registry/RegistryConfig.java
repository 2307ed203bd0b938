package io.ferry.testkit.registry;

import java.net.URI;
import java.nio.file.Path;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Renders distribution's config.yml for one test registry. */
final class RegistryConfig {

  private final StringBuilder yaml = new StringBuilder();

  private RegistryConfig() {}

  static String render(
      Path directory,
      int port,
      @Nullable Path tlsCertificate,
      @Nullable Path tlsKey,
      @Nullable Path htpasswd,
      @Nullable TokenAuthConfig token) {
    RegistryConfig config = new RegistryConfig();
    config.line(0, "version: 0.1");
    config.line(0, "log:");
    config.line(1, "level: warn");
    config.line(1, "accesslog:");
    config.line(2, "disabled: true");
    config.line(0, "storage:");
    config.line(1, "filesystem:");
    config.line(2, "rootdirectory: " + quote(directory.resolve("storage").toString()));
    config.line(1, "delete:");
    config.line(2, "enabled: true");
    config.line(1, "maintenance:");
    config.line(2, "uploadpurging:");
    config.line(3, "enabled: false");
    config.line(0, "http:");
    config.line(1, "addr: " + quote("127.0.0.1:" + port));
    config.line(1, "secret: " + quote(UUID.randomUUID().toString()));
    if (tlsCertificate != null && tlsKey != null) {
      config.line(1, "tls:");
      config.line(2, "certificate: " + quote(tlsCertificate.toString()));
      config.line(2, "key: " + quote(tlsKey.toString()));
    }
    if (htpasswd != null) {
      config.line(0, "auth:");
      config.line(1, "htpasswd:");
      config.line(2, "realm: " + quote("ferry-testkit"));
      config.line(2, "path: " + quote(htpasswd.toString()));
    } else if (token != null) {
      config.line(0, "auth:");
      config.line(1, "token:");
      config.line(2, "realm: " + quote(token.realm().toString()));
      config.line(2, "service: " + quote(token.service()));
      config.line(2, "issuer: " + quote(token.issuer()));
      config.line(2, "rootcertbundle: " + quote(token.rootCertificateBundle().toString()));
    }
    return config.yaml.toString();
  }

  private void line(int depth, String text) {
    yaml.append("  ".repeat(depth)).append(text).append('\n');
  }

  private static String quote(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /** What the registry needs to know about its token server. */
  record TokenAuthConfig(URI realm, String service, String issuer, Path rootCertificateBundle) {}
}
