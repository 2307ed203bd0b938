package io.ferry.oci.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.oci.Descriptor;
import io.ferry.oci.MediaTypes;
import io.ferry.oci.RegistryException;
import io.ferry.oci.TransferListener;
import io.ferry.oci.auth.CredentialProvider;
import io.ferry.oci.auth.Credentials;
import io.ferry.oci.auth.DockerConfig;
import io.ferry.testkit.registry.OciRegistry;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Basic auth against a real registry with an htpasswd file. */
class BasicAuthTest {

  @RegisterExtension
  static final OciRegistry registry =
      OciRegistry.builder().basicAuth("robot$ferry", "s3cret-token").build();

  @Test
  void pushesAndPullsWithCredentialsFromDockerConfig(@TempDir Path home) throws Exception {
    String auth =
        Base64.getEncoder()
            .encodeToString("robot$ferry:s3cret-token".getBytes(StandardCharsets.UTF_8));
    Path config = home.resolve("config.json");
    Files.writeString(
        config,
        "{\"auths\":{\"http://" + registry.hostAndPort() + "\":{\"auth\":\"" + auth + "\"}}}");
    RegistryClient client =
        RegistryClient.builder(registry.hostAndPort())
            .credentials(DockerConfig.read(config))
            .build();
    byte[] content = TestContent.randomBytes(30_000);
    Descriptor blob = Descriptor.of(MediaTypes.OCI_LAYER_GZIP, content);

    client.ping();
    client.pushBlob("project/app", blob, BlobSource.of(content), TransferListener.NONE);

    try (InputStream in = client.pullBlob("project/app", blob)) {
      assertThat(in.readAllBytes()).isEqualTo(content);
    }
  }

  @Test
  void aWrongPasswordFromTheDockerConfigIsTracedToItsEntry(@TempDir Path home) throws Exception {
    String auth =
        Base64.getEncoder().encodeToString("robot$ferry:stale".getBytes(StandardCharsets.UTF_8));
    Path config = home.resolve("config.json");
    Files.writeString(
        config, "{\"auths\":{\"" + registry.hostAndPort() + "\":{\"auth\":\"" + auth + "\"}}}");
    RegistryClient client =
        RegistryClient.builder(registry.hostAndPort())
            .credentials(DockerConfig.read(config))
            .build();

    assertThatThrownBy(() -> client.listTags("project/app"))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining(
            "check the username and password for "
                + registry.hostAndPort()
                + " (from the 'auths' entry for "
                + registry.hostAndPort()
                + " in "
                + config
                + ")")
        .hasMessageNotContaining("stale");
  }

  @Test
  void wrongPasswordFailsNamingRegistryRepositoryAndTheLikelyCause() {
    RegistryClient client =
        RegistryClient.builder(registry.hostAndPort())
            .credentials(CredentialProvider.of(new Credentials("robot$ferry", "wrong")))
            .build();
    byte[] content = TestContent.randomBytes(100);

    assertThatThrownBy(
            () ->
                client.pushBlob(
                    "project/app",
                    Descriptor.of(MediaTypes.OCI_LAYER_GZIP, content),
                    BlobSource.of(content),
                    TransferListener.NONE))
        .isInstanceOfSatisfying(
            RegistryException.class,
            e -> {
              assertThat(e.status()).isEqualTo(401);
              assertThat(e.getMessage())
                  .startsWith("Tried to check blob")
                  .contains(registry.hostAndPort() + "/project/app")
                  .contains("401 Unauthorized")
                  .contains("check the username and password for " + registry.hostAndPort())
                  .contains("project 'project'");
            });
  }

  @Test
  void anIdentityTokenIsNotSentAsBasicAndTheHintSaysCredentialsAreWanted() {
    RegistryClient client =
        RegistryClient.builder(registry.hostAndPort())
            .credentials(CredentialProvider.of(Credentials.identityToken("refresh-token")))
            .build();

    assertThatThrownBy(() -> client.listTags("project/app"))
        .isInstanceOfSatisfying(
            RegistryException.class,
            e -> {
              assertThat(e.status()).isEqualTo(401);
              assertThat(e.getMessage())
                  .contains(
                      "the credentials found for "
                          + registry.hostAndPort()
                          + " (--username) are an identity token, which this registry does not"
                          + " take (it asks for basic auth)")
                  .doesNotContain("check the username and password");
            });
  }

  @Test
  void noCredentialsAtAllSuggestsDockerLogin() {
    RegistryClient client = RegistryClient.builder(registry.hostAndPort()).build();

    assertThatThrownBy(() -> client.listTags("project/app"))
        .isInstanceOfSatisfying(
            RegistryException.class,
            e -> {
              assertThat(e.status()).isEqualTo(401);
              assertThat(e.hint()).contains("docker login " + registry.hostAndPort());
            });
  }
}
