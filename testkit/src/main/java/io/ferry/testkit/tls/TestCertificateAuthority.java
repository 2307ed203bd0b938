package io.ferry.testkit.tls;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** A certificate authority made at test time that issues loopback server certificates. */
public final class TestCertificateAuthority {

  private final KeyPair keyPair;
  private final X509Certificate certificate;

  private TestCertificateAuthority(KeyPair keyPair, X509Certificate certificate) {
    this.keyPair = keyPair;
    this.certificate = certificate;
  }

  /** Creates a new CA with an EC P-256 key. */
  public static TestCertificateAuthority create(String commonName) {
    return create(commonName, KeyAlgorithm.EC);
  }

  /** Creates a new CA with a key of {@code algorithm}. */
  public static TestCertificateAuthority create(String commonName, KeyAlgorithm algorithm) {
    KeyPair keyPair = CertificateSigner.newKeyPair(algorithm);
    return new TestCertificateAuthority(
        keyPair, CertificateSigner.selfSignedAuthority(commonName, keyPair));
  }

  /** Creates a new CA with an existing key pair, e.g. one signing key reused across servers. */
  public static TestCertificateAuthority create(String commonName, KeyPair keyPair) {
    return new TestCertificateAuthority(
        keyPair, CertificateSigner.selfSignedAuthority(commonName, keyPair));
  }

  /** Returns a new key pair of {@code algorithm} (EC P-256 or RSA 2048). */
  public static KeyPair newKeyPair(KeyAlgorithm algorithm) {
    return CertificateSigner.newKeyPair(algorithm);
  }

  /** Issues a server certificate for IP 127.0.0.1 and DNS name localhost. */
  public ServerCertificate issueLoopbackServerCertificate() {
    KeyPair serverKeys = CertificateSigner.newKeyPair(KeyAlgorithm.EC);
    X509Certificate server =
        CertificateSigner.server(
            certificate,
            keyPair.getPrivate(),
            serverKeys.getPublic(),
            CertificateSigner.loopbackNames());
    return new ServerCertificate(server, serverKeys.getPrivate(), certificate);
  }

  /** Returns the CA's self-signed certificate. */
  public X509Certificate certificate() {
    return certificate;
  }

  /** Returns the CA's private key. */
  public PrivateKey privateKey() {
    return keyPair.getPrivate();
  }

  /** Returns the CA certificate as PEM. */
  public String certificatePem() {
    return Pem.of(certificate);
  }

  /** Returns a trust manager that trusts exactly this CA. */
  public X509TrustManager trustManager() {
    try {
      KeyStore trustStore = KeyStore.getInstance("PKCS12");
      trustStore.load(null, null);
      trustStore.setCertificateEntry("ferry-testkit-ca", certificate);
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trustStore);
      for (TrustManager manager : factory.getTrustManagers()) {
        if (manager instanceof X509TrustManager x509) {
          return x509;
        }
      }
      throw new IllegalStateException("The JDK offered no X509TrustManager");
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("Tried to build a trust manager for the test CA", e);
    }
  }

  /** Returns a client TLS context that trusts exactly this CA. */
  public SSLContext clientSslContext() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {trustManager()}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Tried to build a TLS context trusting the test CA", e);
    }
  }
}
