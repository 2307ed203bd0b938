package io.ferry.oci.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.testkit.tls.TestCertificateAuthority;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --ca-file} adds its CAs to the JDK's: a registry certificate issued by either is trusted,
 * one issued by neither is not, and host names are checked either way. The JDK's CAs are stood in
 * for by a trust store named with {@code javax.net.ssl.trustStore}, which the JDK reads instead of
 * its own.
 */
class CaFileTrustTest {

  private static final String[] PROPERTIES = {
    "javax.net.ssl.trustStore", "javax.net.ssl.trustStorePassword", "javax.net.ssl.trustStoreType"
  };

  private final TestCertificateAuthority caFileCa = TestCertificateAuthority.create("CA file");
  private final TestCertificateAuthority jdkCa = TestCertificateAuthority.create("JDK's CA");
  private final String[] before = new String[PROPERTIES.length];
  private final ExecutorService server = Executors.newSingleThreadExecutor();
  private Path caFile;
  private SSLContext client;

  @BeforeEach
  void trustBoth(@TempDir Path dir) throws Exception {
    for (int i = 0; i < PROPERTIES.length; i++) {
      before[i] = System.getProperty(PROPERTIES[i]);
    }
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry("jdk-ca", jdkCa.certificate());
    Path storeFile = dir.resolve("jdk-cacerts.p12");
    try (OutputStream out = Files.newOutputStream(storeFile)) {
      store.store(out, "changeit".toCharArray());
    }
    System.setProperty("javax.net.ssl.trustStore", storeFile.toString());
    System.setProperty("javax.net.ssl.trustStorePassword", "changeit");
    System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
    caFile = Files.writeString(dir.resolve("ca.pem"), caFileCa.certificatePem());
    client = HttpClients.sslContext(TransportOptions.defaults().withCaFile(caFile));
  }

  @AfterEach
  void restore() {
    server.shutdownNow();
    for (int i = 0; i < PROPERTIES.length; i++) {
      if (before[i] == null) {
        System.clearProperty(PROPERTIES[i]);
      } else {
        System.setProperty(PROPERTIES[i], before[i]);
      }
    }
  }

  @Test
  void trustsARegistryCertificateFromTheCaFile() throws Exception {
    handshake(caFileCa, "localhost");
  }

  @Test
  void doesNotReadTheJdksCasForACertificateFromTheCaFile(@TempDir Path dir) throws Exception {
    // the JDK's ~140 CAs took ~0.15 s to read on every TLS push with --ca-file
    Path broken = Files.writeString(dir.resolve("broken.p12"), "not a trust store");
    System.setProperty("javax.net.ssl.trustStore", broken.toString());
    client = HttpClients.sslContext(TransportOptions.defaults().withCaFile(caFile));

    handshake(caFileCa, "localhost");
    assertThatThrownBy(() -> handshake(jdkCa, "localhost"))
        .as("the JDK's CAs are read, and fail to be read, only when the CA file's do not do")
        .isInstanceOf(SSLHandshakeException.class);
  }

  @Test
  void stillTrustsARegistryCertificateFromTheJdksCas() throws Exception {
    handshake(jdkCa, "localhost");
  }

  @Test
  void refusesACertificateFromNeither() {
    TestCertificateAuthority stranger = TestCertificateAuthority.create("stranger");

    assertThatThrownBy(() -> handshake(stranger, "localhost"))
        .isInstanceOf(SSLHandshakeException.class)
        .hasMessageContaining("the registry's certificate (")
        .hasMessageContaining("by CN=stranger")
        .hasMessageContaining("which is neither a CA of --ca-file (CN=")
        .hasMessageContaining("nor one the JDK trusts")
        .hasMessageContaining("intermediate CA");
  }

  @Test
  void checksTheHostNameOfACertificateFromTheCaFile() {
    assertThatThrownBy(() -> handshake(caFileCa, "registry.other.example"))
        .isInstanceOf(SSLHandshakeException.class)
        .hasMessageContaining("registry.other.example");
  }

  @Test
  void checksTheHostNameOfACertificateFromTheJdksCas() {
    assertThatThrownBy(() -> handshake(jdkCa, "registry.other.example"))
        .isInstanceOf(SSLHandshakeException.class)
        .hasMessageContaining("registry.other.example");
  }

  /**
   * A TLS handshake with a loopback server presenting a certificate {@code issuer} made for
   * localhost and 127.0.0.1, the client taking it for {@code host}, as registry connections do.
   */
  private void handshake(TestCertificateAuthority issuer, String host) throws Exception {
    SSLContext serverContext = issuer.issueLoopbackServerCertificate().serverSslContext();
    try (SSLServerSocket listening =
        (SSLServerSocket)
            serverContext
                .getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      server.submit(
          () -> {
            try (SSLSocket accepted = (SSLSocket) listening.accept()) {
              accepted.startHandshake();
              accepted.getOutputStream().write(1);
            }
            return null;
          });
      try (Socket raw = new Socket()) {
        raw.connect(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), listening.getLocalPort()));
        try (SSLSocket socket =
            (SSLSocket)
                client
                    .getSocketFactory()
                    .createSocket(raw, host, listening.getLocalPort(), false)) {
          SSLParameters parameters = socket.getSSLParameters();
          parameters.setEndpointIdentificationAlgorithm("HTTPS");
          socket.setSSLParameters(parameters);
          socket.startHandshake();
          assertThat(socket.getInputStream().read()).isEqualTo(1);
        }
      }
    }
  }
}
