package io.ferry.testkit.registry;

import io.ferry.testkit.tls.KeyAlgorithm;
import io.ferry.testkit.tls.Pem;
import io.ferry.testkit.tls.TestCertificateAuthority;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Signs registry bearer tokens as RS256 JWTs whose {@code x5c} header carries the self-signed
 * signing certificate, which the registry trusts through its {@code rootcertbundle}.
 */
final class JwtSigner {

  private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

  private final TestCertificateAuthority key =
      TestCertificateAuthority.create(
          "ferry-testkit-token-signer-" + UUID.randomUUID(), RsaKey.PAIR);
  private final String header;

  // RSA 2048 generation takes from 0.1 to several seconds on these machines; test tokens need no
  // key isolation, so one key per JVM serves every token server (each still gets its own cert).
  private static final class RsaKey {
    static final KeyPair PAIR = TestCertificateAuthority.newKeyPair(KeyAlgorithm.RSA);
  }

  JwtSigner() {
    try {
      String x5c = Base64.getEncoder().encodeToString(key.certificate().getEncoded());
      header = "{\"typ\":\"JWT\",\"alg\":\"RS256\",\"x5c\":[" + Json.quote(x5c) + "]}";
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("Tried to encode the token signing certificate", e);
    }
  }

  X509Certificate certificate() {
    return key.certificate();
  }

  String certificatePem() {
    return Pem.of(key.certificate());
  }

  String sign(
      String issuer,
      String subject,
      String audience,
      Instant issuedAt,
      Instant expiresAt,
      List<TokenScope> access) {
    String claims =
        "{\"iss\":"
            + Json.quote(issuer)
            + ",\"sub\":"
            + Json.quote(subject)
            + ",\"aud\":"
            + Json.quote(audience)
            + ",\"exp\":"
            + expiresAt.getEpochSecond()
            + ",\"nbf\":"
            + (issuedAt.getEpochSecond() - 1)
            + ",\"iat\":"
            + issuedAt.getEpochSecond()
            + ",\"jti\":"
            + Json.quote(UUID.randomUUID().toString())
            + ",\"access\":["
            + access.stream().map(JwtSigner::accessEntry).collect(Collectors.joining(","))
            + "]}";
    String signingInput = base64(header) + "." + base64(claims);
    try {
      Signature signature = Signature.getInstance("SHA256withRSA");
      signature.initSign(key.privateKey());
      signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + URL.encodeToString(signature.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Tried to sign a registry token for " + subject, e);
    }
  }

  private static String accessEntry(TokenScope scope) {
    return "{\"type\":"
        + Json.quote(scope.type())
        + ",\"name\":"
        + Json.quote(scope.name())
        + ",\"actions\":["
        + scope.actions().stream().map(Json::quote).collect(Collectors.joining(","))
        + "]}";
  }

  private static String base64(String json) {
    return URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
