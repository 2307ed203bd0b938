package io.ferry.testkit.tls;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** A server certificate with its private key and the CA certificate that issued it. */
public record ServerCertificate(
    X509Certificate certificate, PrivateKey privateKey, X509Certificate issuer) {

  /** Returns the server certificate followed by its issuer, as PEM. */
  public String certificateChainPem() {
    return Pem.of(certificate) + Pem.of(issuer);
  }

  /** Returns the private key as PKCS#8 PEM. */
  public String privateKeyPem() {
    return Pem.of(privateKey);
  }

  /** Returns a server TLS context presenting this certificate, e.g. for an HttpsServer. */
  public SSLContext serverSslContext() {
    try {
      char[] password = "ferry".toCharArray();
      KeyStore keyStore = KeyStore.getInstance("PKCS12");
      keyStore.load(null, null);
      keyStore.setKeyEntry("server", privateKey, password, new Certificate[] {certificate, issuer});
      KeyManagerFactory factory =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      factory.init(keyStore, password);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(factory.getKeyManagers(), null, null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("Tried to build a server TLS context", e);
    }
  }
}
