package io.ferry.oci.registry;

import io.ferry.oci.OciException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathBuilderException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.security.auth.x500.X500Principal;
import org.jspecify.annotations.Nullable;

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

  /**
   * The JDK's trusted CAs plus those in {@code caFile}, host names still verified: a chain is
   * checked against the CA file's CAs first and against the JDK's only when they reject it, so the
   * JDK's ~140 CAs are parsed only for a registry the CA file does not cover (on a TLS push with
   * {@code --ca-file}, reading them took ~60 ms of the ~0.6 s before the first request).
   */
  private static TrustManager trustJdkAnd(Path caFile) {
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      Collection<? extends Certificate> extra = caCertificates(caFile);
      int index = 0;
      for (Certificate certificate : extra) {
        store.setCertificateEntry("ca-file-" + index++, certificate);
      }
      return new CaFileThenJdk(trustManager(store), new Lazy<>(HttpClients::jdkTrustManager));
    } catch (IOException | GeneralSecurityException e) {
      throw new OciException("Could not set up TLS with --ca-file " + caFile + ": " + e, e);
    }
  }

  /**
   * By path, modification time and size, so a file replaced or rewritten is read again. (A string
   * key: a record's equals and hashCode are bound through method handles on first use, 20-30 ms of
   * a TLS command's start on Java 17.)
   */
  private static final Map<String, Collection<? extends Certificate>> CA_FILES =
      new ConcurrentHashMap<>();

  /**
   * The certificates in {@code caFile}, read once per version of the file: the command line checks
   * the file before any work ({@link TransportOptions#checkCaFile}), and every TLS context of the
   * run uses what that read.
   */
  static Collection<? extends Certificate> caCertificates(Path caFile) {
    String version;
    try {
      BasicFileAttributes attributes = Files.readAttributes(caFile, BasicFileAttributes.class);
      version =
          caFile.toAbsolutePath()
              + "\n"
              + attributes.lastModifiedTime().toMillis()
              + "\n"
              + attributes.size();
    } catch (IOException e) {
      return readCaFile(caFile); // says what is wrong with it
    }
    return CA_FILES.computeIfAbsent(version, key -> readCaFile(caFile));
  }

  private static Collection<? extends Certificate> readCaFile(Path caFile) {
    Collection<? extends Certificate> certificates;
    try (InputStream in = Files.newInputStream(caFile)) {
      certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
    } catch (IOException e) {
      throw new OciException(
          "Tried to read CA certificates from --ca-file "
              + caFile
              + " but failed: "
              + e.getMessage(),
          e);
    } catch (GeneralSecurityException e) {
      String other = otherPemThanCertificates(caFile);
      if (other != null) {
        // the parser's own words ("Too short") say nothing more
        throw new OciException(
            "Tried to read CA certificates from --ca-file "
                + caFile
                + " but it holds a PEM block of type "
                + other
                + ", not a CERTIFICATE: give the PEM certificate of the CA that signed the"
                + " registry's certificate");
      }
      throw new OciException(
          "Tried to read CA certificates from --ca-file "
              + caFile
              + " but they are not valid PEM X.509 certificates: "
              + e.getMessage(),
          e);
    }
    if (certificates.isEmpty()) {
      throw new OciException(
          "Tried to read CA certificates from --ca-file "
              + caFile
              + " but it holds none (it must be PEM)");
    }
    return certificates;
  }

  /**
   * The first PEM label in {@code file} when it has PEM blocks and none is a certificate (a PUBLIC
   * KEY, a PRIVATE KEY), else null.
   */
  private static @Nullable String otherPemThanCertificates(Path file) {
    try {
      Matcher labels =
          Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----")
              .matcher(Files.readString(file, StandardCharsets.ISO_8859_1));
      String first = null;
      while (labels.find()) {
        if (labels.group(1).contains("CERTIFICATE")) {
          return null;
        }
        first = first == null ? labels.group(1) : first;
      }
      return first;
    } catch (IOException e) {
      return null;
    }
  }

  /** The JDK's trust manager for {@code store}, or for its own CAs when {@code store} is null. */
  private static X509ExtendedTrustManager trustManager(KeyStore store)
      throws GeneralSecurityException {
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    for (TrustManager manager : factory.getTrustManagers()) {
      if (manager instanceof X509ExtendedTrustManager x509) {
        return x509;
      }
    }
    throw new GeneralSecurityException("the JDK has no X.509 trust manager");
  }

  private static X509ExtendedTrustManager jdkTrustManager() {
    try {
      return trustManager(null);
    } catch (GeneralSecurityException e) {
      throw new OciException("Could not read the JDK's trusted CAs: " + e.getMessage(), e);
    }
  }

  /**
   * Trusts what the CA file's CAs or else the JDK's trust; both check host names themselves (they
   * are JSSE's own managers, given the socket or engine). A chain that ends at one of the CA file's
   * CAs is judged by the CA file alone, so a wrong host name or an expired certificate is reported
   * as such; others go to the JDK's CAs when the CA file's reject them, and if those reject them
   * too, the JDK's answer is thrown with the CA file's attached.
   */
  private static final class CaFileThenJdk extends X509ExtendedTrustManager {

    private final X509ExtendedTrustManager caFile;
    private final Set<X500Principal> caFileSubjects = new HashSet<>();
    private final Lazy<X509ExtendedTrustManager> jdk;

    CaFileThenJdk(X509ExtendedTrustManager caFile, Lazy<X509ExtendedTrustManager> jdk) {
      this.caFile = caFile;
      this.jdk = jdk;
      for (X509Certificate ca : caFile.getAcceptedIssuers()) {
        caFileSubjects.add(ca.getSubjectX500Principal());
      }
    }

    /** One check of a chain, by one manager. */
    private interface Check {
      void run(X509ExtendedTrustManager manager) throws CertificateException;
    }

    private void either(X509Certificate[] chain, Check check) throws CertificateException {
      try {
        check.run(caFile);
      } catch (CertificateException byCaFile) {
        X509Certificate last = chain.length == 0 ? null : chain[chain.length - 1];
        if (last != null
            && (caFileSubjects.contains(last.getIssuerX500Principal())
                || caFileSubjects.contains(last.getSubjectX500Principal()))) {
          throw byCaFile;
        }
        try {
          check.run(jdk.get());
        } catch (CertificateException byJdk) {
          if (!noPathToATrustedCa(byJdk)) {
            byJdk.addSuppressed(byCaFile); // a host name, a date: the JDK's own words say it
            throw byJdk;
          }
          CertificateException neither = new CertificateException(neither(chain), byJdk);
          neither.addSuppressed(byCaFile);
          throw neither;
        }
      }
    }

    /** Whether {@code e} says no chain to a trusted CA was found (not a name or a date). */
    private static boolean noPathToATrustedCa(Throwable e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof CertPathBuilderException) {
          return true;
        }
      }
      return false;
    }

    /**
     * Why neither the CA file nor the JDK trusts {@code chain}, in names an operator can compare
     * with the CA file: the certificate, the issuer its chain ends at, the CA file's CAs, and the
     * likely cause when that issuer is an intermediate the server does not send.
     */
    private String neither(X509Certificate[] chain) {
      if (chain.length == 0) {
        return "the registry sent no certificate";
      }
      X509Certificate last = chain[chain.length - 1];
      List<String> cas =
          caFileSubjects.stream()
              .map(subject -> subject.getName(X500Principal.RFC2253))
              .sorted()
              .toList();
      String named =
          cas.size() <= 5
              ? String.join("; ", cas)
              : String.join("; ", cas.subList(0, 5)) + "; and " + (cas.size() - 5) + " more";
      return "the registry's certificate ("
          + chain[0].getSubjectX500Principal().getName(X500Principal.RFC2253)
          + ") was issued, through the "
          + chain.length
          + " certificate(s) it sent, by "
          + last.getIssuerX500Principal().getName(X500Principal.RFC2253)
          + ", which is neither a CA of --ca-file ("
          + named
          + ") nor one the JDK trusts; if that issuer is an intermediate CA, the registry must"
          + " send it with its certificate, or add it to --ca-file";
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      either(chain, m -> m.checkServerTrusted(chain, authType));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      either(chain, m -> m.checkServerTrusted(chain, authType, socket));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      either(chain, m -> m.checkServerTrusted(chain, authType, engine));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      either(chain, m -> m.checkClientTrusted(chain, authType));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      either(chain, m -> m.checkClientTrusted(chain, authType, socket));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      either(chain, m -> m.checkClientTrusted(chain, authType, engine));
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      X509Certificate[] own = caFile.getAcceptedIssuers();
      X509Certificate[] jdks = jdk.get().getAcceptedIssuers();
      X509Certificate[] all = Arrays.copyOf(own, own.length + jdks.length);
      System.arraycopy(jdks, 0, all, own.length, jdks.length);
      return all;
    }
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
