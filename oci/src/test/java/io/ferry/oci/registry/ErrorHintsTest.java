package io.ferry.oci.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.oci.Digest;
import io.ferry.oci.auth.CredentialUse;
import io.ferry.testkit.registry.OciRegistry;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ErrorHintsTest {

  @RegisterExtension static final OciRegistry tls = OciRegistry.builder().tls().build();

  private static ErrorResponse body(String json) {
    return ErrorResponse.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void harborsUnauthorizedForAMissingProjectPointsAtTheProjectNotTheCredentials() {
    String hint =
        ErrorHints.forStatus(
            401,
            body(
                "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"project site not found\"}]}"),
            "harbor.local",
            "site/app",
            CredentialUse.sentFrom(""),
            true);

    assertThat(hint)
        .isEqualTo(
            "the repository or project 'site' does not exist on harbor.local (create the project"
                + " first; with Harbor, ferry bundle push --harbor)");
  }

  @Test
  void aBodiless401NamesTheMissingProjectAsAPossibleCause() {
    String pushing =
        ErrorHints.forStatus(
            401, body(""), "harbor.local", "site/app", CredentialUse.sentFrom(""), true);
    assertThat(pushing)
        .contains("check the username and password for harbor.local")
        .contains("has push permission")
        .contains("that the project exists")
        .contains("--harbor");

    String pulling =
        ErrorHints.forStatus(
            401, body(""), "harbor.local", "site/app", CredentialUse.sentFrom(""), false);
    assertThat(pulling)
        .contains("has pull permission")
        .contains("that the project exists")
        .as("--harbor creates projects to push into, not to pull from")
        .doesNotContain("--harbor");
  }

  @Test
  void plainHttpToATlsRegistryOnLoopbackSaysToGiveItsCa() {
    RegistryClient plain = RegistryClient.builder(tls.hostAndPort()).build();
    assertThatThrownBy(() -> plain.hasBlob("app", Digest.of(new byte[] {1})))
        .hasMessageContaining("400")
        .hasMessageContaining(
            "if " + tls.hostAndPort() + " speaks HTTPS: without --plain-http, pass --ca-file");
  }

  @Test
  void certificatesForAnotherNameOrOutOfDateAreSaidSo() {
    var wrongName =
        new javax.net.ssl.SSLHandshakeException(
            "No subject alternative names matching IP address 127.0.0.1 found");
    assertThat(ErrorHints.forIoError(wrongName, "127.0.0.1:5000", "https"))
        .contains("is not made out to that name or address")
        .contains("a certificate issued for 127.0.0.1");

    var expired = new javax.net.ssl.SSLHandshakeException("PKIX path validation failed");
    expired.initCause(
        new java.security.cert.CertificateExpiredException("NotAfter: Sat Feb 01 2020"));
    assertThat(ErrorHints.forIoError(expired, "registry.site:443", "https"))
        .contains("has expired or is not valid yet");
  }
}
