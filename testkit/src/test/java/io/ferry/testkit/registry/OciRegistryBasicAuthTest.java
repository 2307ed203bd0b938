package io.ferry.testkit.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class OciRegistryBasicAuthTest {

  @RegisterExtension
  static final OciRegistry registry = OciRegistry.builder().basicAuth("robot", "s3cret!").build();

  @Test
  void pushAndPullSucceedWithTheConfiguredCredentials() throws Exception {
    byte[] content = "layer with basic auth".getBytes(StandardCharsets.UTF_8);
    BlobClient client = new BlobClient(registry, registry.basicAuthCredentials().orElseThrow());

    String digest = client.pushBlob("ferry/basic", content);
    HttpResponse<byte[]> pulled = client.pullBlob("ferry/basic", digest);

    assertThat(pulled.statusCode()).isEqualTo(200);
    assertThat(pulled.body()).isEqualTo(content);
    assertThat(pulled.headers().firstValue("Docker-Content-Digest")).contains(digest);
  }

  @Test
  void requestWithoutCredentialsIsRefusedWithABasicChallenge() throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(registry.baseUri().resolve("/v2/")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(
            challenge -> assertThat(challenge).startsWith("Basic realm=\"ferry-testkit\""));
  }

  @Test
  void wrongPasswordIsRefused() throws Exception {
    String wrong = new RegistryCredentials("robot", "not-the-password").basicAuthorization();
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(registry.baseUri().resolve("/v2/"))
                    .header("Authorization", wrong)
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(401);
  }
}
