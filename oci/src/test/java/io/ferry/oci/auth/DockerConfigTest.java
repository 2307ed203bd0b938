package io.ferry.oci.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.oci.OciException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerConfigTest {

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static DockerConfig parse(String json) {
    return DockerConfig.parse(json.getBytes(StandardCharsets.UTF_8), "config.json");
  }

  @Test
  void readsBase64AuthMatchingHostAndPort() {
    DockerConfig config =
        parse(
            "{\"auths\":{\"registry.local:5000\":{\"auth\":\""
                + base64("robot$ci:pa:ss")
                + "\"}}}");

    assertThat(config.credentialsFor("registry.local:5000"))
        .contains(new Credentials("robot$ci", "pa:ss"));
    assertThat(config.credentialsFor("registry.local")).isEmpty();
  }

  @Test
  void readsUsernameAndPasswordAndIgnoresSchemeAndPath() {
    DockerConfig config =
        parse(
            "{\"auths\":{\"https://Harbor.Local/v2/\":{\"username\":\"admin\",\"password\":\"x\"}}}");

    assertThat(config.credentialsFor("harbor.local")).contains(new Credentials("admin", "x"));
  }

  @Test
  void theLegacyDockerHubKeyServesDockerIo() {
    DockerConfig config =
        parse(
            "{\"auths\":{\"https://index.docker.io/v1/\":{\"auth\":\""
                + base64("me:token")
                + "\"}}}");

    assertThat(config.credentialsFor("docker.io")).contains(new Credentials("me", "token"));
  }

  @Test
  void aMissingFileIsAnEmptyConfig(@TempDir Path folder) {
    assertThat(DockerConfig.read(folder.resolve("config.json")).registries()).isEmpty();
  }

  @Test
  void brokenAuthIsNamed() {
    assertThatThrownBy(
            () -> parse("{\"auths\":{\"r.local\":{\"auth\":\"" + base64("nocolon") + "\"}}}"))
        .isInstanceOf(OciException.class)
        .hasMessageContaining("'r.local'")
        .hasMessageContaining("username:password");
    assertThatThrownBy(() -> parse("{not json"))
        .isInstanceOf(OciException.class)
        .hasMessageContaining("config.json")
        .hasMessageContaining("at line 1, column")
        .hasMessageNotContaining("Source:");
    assertThatThrownBy(() -> parse("{\"auths\":{\"r.local\":{\"auth\":hunter2secret}}}"))
        .isInstanceOf(OciException.class)
        .hasMessageContaining("not valid JSON (at line 1, column")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void anIdentityTokenIsReadAndNeverPrinted() {
    DockerConfig config =
        parse(
            "{\"auths\":{\"acr.local\":{\"auth\":\""
                + base64("00000000-0000-0000-0000-000000000000:")
                + "\",\"identitytoken\":\"refresh-me\"}}}");

    Credentials credentials = config.credentialsFor("acr.local").orElseThrow();
    assertThat(credentials.isIdentityToken()).isTrue();
    assertThat(credentials.password()).isEqualTo("refresh-me");
    assertThat(credentials.toString()).doesNotContain("refresh-me");
  }

  @Test
  void credentialsNeverPrintThePassword() {
    assertThat(new Credentials("admin", "Harbor12345").toString()).doesNotContain("Harbor12345");
  }
}
