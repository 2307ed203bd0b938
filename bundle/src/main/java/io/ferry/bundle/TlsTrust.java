package io.ferry.bundle;

import io.ferry.oci.registry.TransportOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.jspecify.annotations.Nullable;

/**
 * The TLS trust for Harbor's API calls, matching the registry client's: the JDK's CAs plus {@code
 * --ca-file}, or anything with {@code --insecure-skip-tls-verify}.
 */
final class TlsTrust {

  private TlsTrust() {}

  static SSLContext sslContext(TransportOptions transport) {
    try {
      if (!transport.insecureSkipTlsVerify() && transport.caFile() == null) {
        return SSLContext.getDefault();
      }
      X509TrustManager manager =
          transport.insecureSkipTlsVerify() ? trustAll() : withCaFile(transport);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {manager}, null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new BundleException(
          "Tried to set up TLS with " + transport.caFile() + " but failed: " + e, e);
    }
  }

  private static X509TrustManager withCaFile(TransportOptions transport)
      throws GeneralSecurityException, IOException {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    try (InputStream in = Files.newInputStream(transport.caFile())) {
      int i = 0;
      for (Certificate certificate :
          CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        store.setCertificateEntry("ca-" + i++, certificate);
      }
    }
    X509TrustManager extra = manager(store);
    X509TrustManager jdk = manager(null);
    return new X509TrustManager() {
      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType) {
        throw new UnsupportedOperationException("client certificates are not checked here");
      }

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType)
          throws java.security.cert.CertificateException {
        try {
          extra.checkServerTrusted(chain, authType);
        } catch (java.security.cert.CertificateException e) {
          jdk.checkServerTrusted(chain, authType);
        }
      }

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        return extra.getAcceptedIssuers();
      }
    };
  }

  private static X509TrustManager manager(@Nullable KeyStore store)
      throws GeneralSecurityException {
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    for (TrustManager manager : factory.getTrustManagers()) {
      if (manager instanceof X509TrustManager x509) {
        return x509;
      }
    }
    throw new GeneralSecurityException("no X.509 trust manager");
  }

  private static X509TrustManager trustAll() {
    return new X509TrustManager() {
      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType) {}

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType) {}

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
      }
    };
  }
}
