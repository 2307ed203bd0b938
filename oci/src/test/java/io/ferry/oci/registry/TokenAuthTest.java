package io.ferry.oci.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.oci.Descriptor;
import io.ferry.oci.Digest;
import io.ferry.oci.MediaTypes;
import io.ferry.oci.RegistryException;
import io.ferry.oci.TransferListener;
import io.ferry.oci.auth.CredentialHelpers;
import io.ferry.oci.auth.CredentialProvider;
import io.ferry.oci.auth.Credentials;
import io.ferry.oci.auth.DockerConfig;
import io.ferry.oci.manifest.ImageManifest;
import io.ferry.oci.manifest.Manifest;
import io.ferry.testkit.registry.OciRegistry;
import io.ferry.testkit.registry.TokenAuth;
import io.ferry.testkit.registry.TokenServer;
import io.ferry.testkit.registry.TokenUser;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The bearer token flow against a real registry over TLS with a test CA, as Harbor does it. */
class TokenAuthTest {

  @RegisterExtension
  static final OciRegistry registry =
      OciRegistry.builder()
          .tls()
          .tokenAuth(
              TokenAuth.builder()
                  .user("admin", "Harbor12345")
                  .user(TokenUser.pullOnly("reader", "read-only"))
                  .build())
          .build();

  private static RegistryClient client(CredentialProvider credentials) {
    return RegistryClient.builder(registry.hostAndPort())
        .credentials(credentials)
        .transport(TransportOptions.defaults().withCaFile(registry.caCertificatePem()))
        .build();
  }

  @Test
  void pushesAndPullsAnImageWithTokensOverTlsTrustingTheCaFile() throws Exception {
    RegistryClient client = client(CredentialProvider.of(new Credentials("admin", "Harbor12345")));
    ImageManifest image =
        TestContent.pushImageBlobs(client, "library/app", MediaTypes.OCI_MANIFEST, "amd64", 10_000);

    client.pushManifest("library/app", "1.0", image);

    assertThat(client.baseUri().getScheme()).isEqualTo("https");
    Manifest pulled = client.pullManifest("library/app", "1.0");
    assertThat(pulled.digest()).isEqualTo(image.digest());
    try (InputStream in = client.pullBlob("library/app", image.layers().get(0))) {
      assertThat(in.readAllBytes()).hasSize(10_000);
    }
    assertThat(client.listTags("library/app")).containsExactly("1.0");
  }

  @Test
  void mountsAcrossRepositoriesWithATokenForBoth() {
    RegistryClient client = client(CredentialProvider.of(new Credentials("admin", "Harbor12345")));
    byte[] content = TestContent.randomBytes(5_000);
    Descriptor blob = Descriptor.of(MediaTypes.OCI_LAYER_GZIP, content);
    client.pushBlob("library/base", blob, BlobSource.of(content), TransferListener.NONE);

    BlobPush push =
        client.pushBlob(
            "library/other", blob, BlobSource.of(content), "library/base", TransferListener.NONE);

    assertThat(push.outcome()).isEqualTo(BlobPush.Outcome.MOUNTED);
  }

  @Test
  void oneClientPushesBlobsInParallel() throws Exception {
    RegistryClient client = client(CredentialProvider.of(new Credentials("admin", "Harbor12345")));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<BlobPush>> pushes = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        byte[] content = TestContent.randomBytes(50_000);
        Descriptor blob = Descriptor.of(MediaTypes.OCI_LAYER_GZIP, content);
        pushes.add(
            pool.submit(
                () ->
                    client.pushBlob(
                        "library/parallel", blob, BlobSource.of(content), TransferListener.NONE)));
      }
      for (Future<BlobPush> push : pushes) {
        BlobPush done = push.get(60, TimeUnit.SECONDS);
        assertThat(done.outcome()).isEqualTo(BlobPush.Outcome.UPLOADED);
        assertThat(client.hasBlob("library/parallel", done.digest())).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anonymousPullWorksButAnonymousPushIsRefusedWithAHint() {
    RegistryClient admin = client(CredentialProvider.of(new Credentials("admin", "Harbor12345")));
    byte[] content = TestContent.randomBytes(1_000);
    Descriptor blob = Descriptor.of(MediaTypes.OCI_LAYER_GZIP, content);
    admin.pushBlob("library/public", blob, BlobSource.of(content), TransferListener.NONE);
    RegistryClient anonymous = client(CredentialProvider.anonymous());

    assertThat(anonymous.hasBlob("library/public", blob.digest())).isTrue();
    byte[] other = TestContent.randomBytes(1_000);
    assertThatThrownBy(
            () ->
                anonymous.pushBlob(
                    "library/public",
                    Descriptor.of(MediaTypes.OCI_LAYER_GZIP, other),
                    BlobSource.of(other),
                    TransferListener.NONE))
        .isInstanceOfSatisfying(
            RegistryException.class,
            e -> {
              assertThat(e.status()).isEqualTo(401);
              assertThat(e.getMessage())
                  .contains(registry.hostAndPort() + "/library/public")
                  .contains("docker login");
            });
  }

  @Test
  void pullOnlyAccountIsToldItLacksPushPermission() {
    RegistryClient reader = client(CredentialProvider.of(new Credentials("reader", "read-only")));
    byte[] content = TestContent.randomBytes(1_000);

    assertThatThrownBy(
            () ->
                reader.pushBlob(
                    "library/app",
                    Descriptor.of(MediaTypes.OCI_LAYER_GZIP, content),
                    BlobSource.of(content),
                    TransferListener.NONE))
        .isInstanceOfSatisfying(
            RegistryException.class,
            e -> {
              assertThat(e.status()).isEqualTo(401);
              assertThat(e.getMessage()).contains("push permission for project 'library'");
            });
  }

  @Test
  void aBlobPushAsksForOneTokenThatServesTheCheckAndTheUpload() {
    TokenServer tokens = registry.tokenServer().orElseThrow();
    RegistryClient client = client(CredentialProvider.of(new Credentials("admin", "Harbor12345")));
    byte[] content = TestContent.randomBytes(2_000);
    long before = tokens.tokensIssued();

    BlobPush push =
        client.pushBlob(
            "library/one-token",
            Descriptor.of(MediaTypes.OCI_LAYER_GZIP, content),
            BlobSource.of(content),
            TransferListener.NONE);

    assertThat(push.outcome()).isEqualTo(BlobPush.Outcome.UPLOADED);
    assertThat(tokens.tokensIssued() - before)
        .as("HEAD, POST and PUT into one repository with one pull,push token")
        .isEqualTo(1);
  }

  @Test
  void anIdentityTokenIsExchangedForAccessTokensWithTheRefreshTokenGrant() {
    TokenServer tokens = registry.tokenServer().orElseThrow();
    String identityToken = tokens.issueRefreshToken("admin");
    DockerConfig config =
        DockerConfig.parse(
            ("{\"auths\":{\""
                    + registry.hostAndPort()
                    + "\":{\"auth\":\"PHRva2VuPjo=\",\"identitytoken\":\""
                    + identityToken
                    + "\"}}}")
                .getBytes(StandardCharsets.UTF_8),
            "config.json");
    RegistryClient client = client(config);

    ImageManifest image =
        TestContent.pushImageBlobs(
            client, "library/identity", MediaTypes.OCI_MANIFEST, "amd64", 3_000);
    client.pushManifest("library/identity", "1.0", image);

    assertThat(client.pullManifest("library/identity", "1.0").digest()).isEqualTo(image.digest());
  }

  @Test
  void aRevokedIdentityTokenSaysToLogInAgain() {
    RegistryClient client = client(CredentialProvider.of(Credentials.identityToken("revoked")));

    assertThatThrownBy(() -> client.pullManifest("library/app", "1.0"))
        .isInstanceOfSatisfying(
            RegistryException.class,
            e ->
                assertThat(e.getMessage())
                    .contains("400 from token server")
                    .contains("identity token saved by docker login")
                    .contains("docker login " + registry.hostAndPort() + " again"));
  }

  @Test
  void theCredsStoreHelperIsAskedWhenTheRegistryWantsCredentials(@TempDir Path bin)
      throws Exception {
    Path helper = bin.resolve("docker-credential-site");
    Files.writeString(
        helper,
        "#!/bin/bash\nread -r server\necho \"$server\" >>'"
            + bin.resolve("asked")
            + "'\necho '{\"Username\":\"admin\",\"Secret\":\"Harbor12345\"}'\n");
    Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwx------"));
    DockerConfig config =
        DockerConfig.parse("{\"credsStore\":\"site\"}".getBytes(StandardCharsets.UTF_8), "c.json")
            .withHelpers(new CredentialHelpers(List.of(bin), Duration.ofSeconds(30)));
    RegistryClient client = client(config);

    ImageManifest image =
        TestContent.pushImageBlobs(
            client, "library/helped", MediaTypes.OCI_MANIFEST, "amd64", 1_000);
    client.pushManifest("library/helped", "1.0", image);

    assertThat(client.listTags("library/helped")).containsExactly("1.0");
    assertThat(Files.readAllLines(bin.resolve("asked")))
        .as("asked once, for this registry")
        .containsExactly(registry.hostAndPort());
  }

  @Test
  void wrongPasswordIsRefusedByTheTokenServerAndTheErrorSaysWhere() {
    RegistryClient client = client(CredentialProvider.of(new Credentials("admin", "wrong")));

    assertThatThrownBy(() -> client.pullManifest("library/app", "1.0"))
        .isInstanceOfSatisfying(
            RegistryException.class,
            e -> {
              assertThat(e.status()).isEqualTo(401);
              assertThat(e.getMessage())
                  .contains(registry.hostAndPort() + "/library/app")
                  .contains("token server")
                  .contains("check the username and password for " + registry.hostAndPort());
            });
  }

  @Test
  void fetchesANewTokenOnceTheCachedOneExpires() {
    TokenServer tokens = registry.tokenServer().orElseThrow();
    MutableClock clock = new MutableClock();
    RegistryClient client =
        RegistryClient.builder(registry.hostAndPort())
            .credentials(CredentialProvider.of(new Credentials("admin", "Harbor12345")))
            .transport(TransportOptions.defaults().withCaFile(registry.caCertificatePem()))
            .clock(clock)
            .build();
    client.hasBlob("library/app-expiry-probe", Digest.of(new byte[0]));
    long afterFirst = tokens.tokensIssued();
    client.hasBlob("library/app-expiry-probe", Digest.of(new byte[0]));
    assertThat(tokens.tokensIssued()).as("a cached token is reused").isEqualTo(afterFirst);

    clock.advance(Duration.ofMinutes(10));
    client.hasBlob("library/app-expiry-probe", Digest.of(new byte[0]));

    assertThat(tokens.tokensIssued()).isEqualTo(afterFirst + 1);
  }

  @Test
  void withoutTheCaFileTheTlsHandshakeFailsWithAHintToPassIt() {
    RegistryClient client =
        RegistryClient.builder(registry.hostAndPort())
            .transport(
                TransportOptions.defaults()
                    .withProtocol(TransportOptions.Protocol.HTTPS)
                    .withRetry(RetryPolicy.NONE))
            .build();

    assertThatThrownBy(client::ping)
        .isInstanceOfSatisfying(
            RegistryException.class,
            e -> {
              assertThat(e.status()).isZero();
              assertThat(e.getMessage())
                  .contains("Tried to check the registry API at /v2/ on " + registry.hostAndPort())
                  .contains("SSLHandshakeException")
                  .contains("pass --ca-file");
            });
  }

  @Test
  void insecureSkipTlsVerifyReachesTheRegistryWithoutTheCa() {
    RegistryClient client =
        RegistryClient.builder(registry.hostAndPort())
            .transport(TransportOptions.defaults().withInsecureSkipTlsVerify(true))
            .build();

    assertThat(client.baseUri().getScheme()).isEqualTo("https");
    assertThat(client.checkManifest("library/nothing", "1.0")).isEmpty();
  }

  /** A clock the test moves forward, to expire tokens without waiting. */
  private static final class MutableClock extends Clock {
    private Instant now = Instant.now();

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
