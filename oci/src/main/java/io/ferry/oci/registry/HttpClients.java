package io.ferry.oci.registry;

import io.ferry.oci.OciException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Builds, from {@link TransportOptions}, the JDK {@link HttpClient} for a registry's token server
 * and for Harbor's API, and the TLS context of {@link Http1Client}'s registry connections: the same
 * trust ({@code --ca-file}, insecure) and timeouts everywhere.
 */
public final class HttpClients {

  private HttpClients() {}

  /** A client with the trust and timeouts of {@code options}; it follows no redirects. */
  public static HttpClient create(TransportOptions options) {
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            // HTTP/1.1: registries and proxies in the field handle it best, and it avoids h2c
            // upgrade attempts on plain-HTTP site registries.
            .version(HttpClient.Version.HTTP_1_1)
            // Redirects are followed by RegistryCaller, which must not send the registry's
            // Authorization on to the storage backend (S3, a CDN) a blob GET is redirected to.
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(options.connectTimeout());
    if (options.insecureSkipTlsVerify() || options.caFile() != null) {
      builder.sslContext(sslContext(options));
    }
    return builder.build();
  }

  /**
   * The TLS context {@code options} ask for: trusting anything when insecure, the JDK's CAs plus
   * the CA file's, or the JDK's default.
   */
  static SSLContext sslContext(TransportOptions options) {
    if (options.insecureSkipTlsVerify()) {
      return sslContext(new TrustEverything());
    }
    if (options.caFile() != null) {
      return sslContext(trustJdkAnd(options.caFile()));
    }
    try {
      return SSLContext.getDefault();
    } catch (GeneralSecurityException e) {
      throw new OciException("Could not set up TLS: " + e.getMessage(), e);
    }
  }

  private static SSLContext sslContext(TrustManager trustManager) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {trustManager}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new OciException("Could not set up TLS: " + e.getMessage(), e);
    }
  }

  /** The JDK's trusted CAs plus those in {@code caFile}, host names still verified. */
  private static TrustManager trustJdkAnd(Path caFile) {
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int index = 0;
      for (X509Certificate jdkCa : jdkTrustManager().getAcceptedIssuers()) {
        store.setCertificateEntry("jdk-" + index++, jdkCa);
      }
      Collection<? extends Certificate> extra;
      try (InputStream in = Files.newInputStream(caFile)) {
        extra = CertificateFactory.getInstance("X.509").generateCertificates(in);
      }
      if (extra.isEmpty()) {
        throw new OciException(
            "Tried to read CA certificates from --ca-file "
                + caFile
                + " but it holds none (it must be PEM)");
      }
      for (Certificate certificate : extra) {
        store.setCertificateEntry("ca-file-" + index++, certificate);
      }
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      return factory.getTrustManagers()[0];
    } catch (IOException e) {
      throw new OciException(
          "Tried to read CA certificates from --ca-file "
              + caFile
              + " but failed: "
              + e.getMessage(),
          e);
    } catch (GeneralSecurityException e) {
      throw new OciException(
          "Tried to read CA certificates from --ca-file "
              + caFile
              + " but they are not valid PEM X.509 certificates: "
              + e.getMessage(),
          e);
    }
  }

  private static X509TrustManager jdkTrustManager() throws GeneralSecurityException {
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init((KeyStore) null);
    for (TrustManager manager : factory.getTrustManagers()) {
      if (manager instanceof X509TrustManager x509) {
        return x509;
      }
    }
    throw new GeneralSecurityException("the JDK has no X.509 trust manager");
  }

  /**
   * Trusts any certificate for any host. Extending {@link X509ExtendedTrustManager} matters: JSSE
   * then leaves host name checks to this class instead of adding its own.
   */
  private static final class TrustEverything extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
