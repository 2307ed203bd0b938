package io.ferry.testkit.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Random;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class OciRegistryTlsTest {

  @RegisterExtension static final OciRegistry registry = OciRegistry.builder().tls().build();

  @Test
  void pushAndPullSucceedOverTlsTrustingTheTestCa() throws Exception {
    byte[] content = new byte[10_000];
    new Random(7).nextBytes(content);
    BlobClient client = new BlobClient(registry, null);

    String digest = client.pushBlob("ferry/tls", content);
    HttpResponse<byte[]> pulled = client.pullBlob("ferry/tls", digest);

    assertThat(registry.baseUri().getScheme()).isEqualTo("https");
    assertThat(pulled.statusCode()).isEqualTo(200);
    assertThat(pulled.body()).isEqualTo(content);
    assertThat(BlobClient.digest(pulled.body())).isEqualTo(digest);
  }

  @Test
  void exposesTheCaAsPemAndTrustManager() throws Exception {
    assertThat(Files.readString(registry.caCertificatePem()))
        .startsWith("-----BEGIN CERTIFICATE-----");
    assertThat(registry.trustManager().getAcceptedIssuers()).hasSize(1);
  }

  @Test
  void clientThatDoesNotTrustTheTestCaIsRejected() {
    HttpRequest request = HttpRequest.newBuilder(registry.baseUri().resolve("/v2/")).build();

    assertThatThrownBy(
            () -> HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()))
        .isInstanceOf(SSLHandshakeException.class);
  }
}
