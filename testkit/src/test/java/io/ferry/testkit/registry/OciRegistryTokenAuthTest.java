package io.ferry.testkit.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class OciRegistryTokenAuthTest {

  @RegisterExtension
  static final OciRegistry registry =
      OciRegistry.builder()
          .tls()
          .tokenAuth(
              TokenAuth.builder()
                  .user("admin", "Harbor12345")
                  .user(TokenUser.pullOnly("reader", "read-only"))
                  .anonymous(AnonymousAccess.PULL)
                  .build())
          .build();

  @Test
  void pushAndPullFollowTheBearerChallengeToTheTokenServer() throws Exception {
    TokenServer tokens = registry.tokenServer().orElseThrow();
    long issuedBefore = tokens.tokensIssued();
    byte[] content = "layer behind token auth".getBytes(StandardCharsets.UTF_8);
    BlobClient client = new BlobClient(registry, new RegistryCredentials("admin", "Harbor12345"));

    String digest = client.pushBlob("library/app", content);
    HttpResponse<byte[]> pulled = client.pullBlob("library/app", digest);

    assertThat(pulled.statusCode()).isEqualTo(200);
    assertThat(pulled.body()).isEqualTo(content);
    assertThat(pulled.headers().firstValue("Docker-Content-Digest")).contains(digest);
    assertThat(tokens.tokensIssued()).isGreaterThan(issuedBefore);
  }

  @Test
  void unauthenticatedRequestGetsABearerChallengeNamingRealmServiceAndScope() throws Exception {
    HttpResponse<String> response =
        registry
            .newHttpClient()
            .send(
                HttpRequest.newBuilder(registry.baseUri().resolve("/v2/library/app/blobs/uploads/"))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(401);
    Map<String, String> challenge =
        BlobClient.parseChallenge(response.headers().firstValue("WWW-Authenticate").orElseThrow());
    assertThat(challenge)
        .containsEntry("realm", registry.tokenServer().orElseThrow().realm().toString())
        .containsEntry("service", "ferry-testkit-registry");
    TokenScope scope = TokenScope.parse(challenge.get("scope"));
    assertThat(scope.type()).isEqualTo("repository");
    assertThat(scope.name()).isEqualTo("library/app");
    assertThat(scope.actions()).containsExactlyInAnyOrder("pull", "push");
  }

  @Test
  void tokenServerRefusesAWrongPassword() throws Exception {
    TokenServer tokens = registry.tokenServer().orElseThrow();
    long refusedBefore = tokens.requestsRefused();
    BlobClient client = new BlobClient(registry, new RegistryCredentials("admin", "wrong"));

    HttpResponse<String> response =
        client.requestToken(
            Map.of(
                "realm", tokens.realm().toString(),
                "service", "ferry-testkit-registry",
                "scope", "repository:library/app:pull,push"));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(tokens.requestsRefused()).isEqualTo(refusedBefore + 1);
  }

  @Test
  void anonymousTokenAllowsPullButNotPush() throws Exception {
    BlobClient admin = new BlobClient(registry, new RegistryCredentials("admin", "Harbor12345"));
    byte[] content = "public layer".getBytes(StandardCharsets.UTF_8);
    String digest = admin.pushBlob("library/public", content);
    BlobClient anonymous = new BlobClient(registry, null);

    HttpResponse<byte[]> pulled = anonymous.pullBlob("library/public", digest);
    HttpResponse<String> pushStart =
        anonymous.send(
            () ->
                HttpRequest.newBuilder(
                        registry.baseUri().resolve("/v2/library/public/blobs/uploads/"))
                    .POST(HttpRequest.BodyPublishers.noBody()));

    assertThat(pulled.statusCode()).isEqualTo(200);
    assertThat(pulled.body()).isEqualTo(content);
    assertThat(pushStart.statusCode()).isEqualTo(401);
  }

  @Test
  void tokenSignedWithACertificateTheRegistryDoesNotTrustIsRejected() throws Exception {
    Instant now = Instant.now();
    String forged =
        new JwtSigner()
            .sign(
                "ferry-testkit-token-server",
                "admin",
                "ferry-testkit-registry",
                now,
                now.plusSeconds(300),
                List.of(TokenScope.parse("repository:library/app:pull,push")));

    HttpResponse<String> response =
        registry
            .newHttpClient()
            .send(
                HttpRequest.newBuilder(registry.baseUri().resolve("/v2/library/app/blobs/uploads/"))
                    .header("Authorization", "Bearer " + forged)
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(401);
  }

  @Test
  void pullOnlyUserCannotPush() throws Exception {
    BlobClient reader = new BlobClient(registry, new RegistryCredentials("reader", "read-only"));

    HttpResponse<String> pushStart =
        reader.send(
            () ->
                HttpRequest.newBuilder(registry.baseUri().resolve("/v2/library/app/blobs/uploads/"))
                    .POST(HttpRequest.BodyPublishers.noBody()));

    assertThat(pushStart.statusCode()).isEqualTo(401);
  }
}
