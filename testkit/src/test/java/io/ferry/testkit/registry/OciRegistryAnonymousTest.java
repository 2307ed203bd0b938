package io.ferry.testkit.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(OciRegistry.class)
class OciRegistryAnonymousTest {

  @Test
  void pushedBlobIsPulledBackWithTheSameBytesAndDigest(OciRegistry registry) throws Exception {
    byte[] content = new byte[64 * 1024];
    new Random(42).nextBytes(content);
    BlobClient client = new BlobClient(registry, null);

    String digest = client.pushBlob("ferry/anonymous", content);
    HttpResponse<byte[]> pulled = client.pullBlob("ferry/anonymous", digest);

    assertThat(pulled.statusCode()).isEqualTo(200);
    assertThat(pulled.body()).isEqualTo(content);
    assertThat(pulled.headers().firstValue("Docker-Content-Digest")).contains(digest);
    assertThat(BlobClient.digest(pulled.body())).isEqualTo(digest);
  }

  @Test
  void listensOnLoopbackOverPlainHttp(OciRegistry registry) {
    assertThat(registry.baseUri().toString()).startsWith("http://127.0.0.1:");
    assertThat(registry.hostAndPort()).isEqualTo("127.0.0.1:" + registry.port());
    assertThat(registry.isTls()).isFalse();
  }
}
