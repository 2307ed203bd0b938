package io.ferry.server.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretBoxTest {

  @TempDir Path dir;

  @Test
  void sealsAndOpensWithAKeyFileCreatedPrivate() throws Exception {
    Path keyFile = dir.resolve("secret.key");
    SecretBox box = new SecretBox(SecretBox.loadKey(null, keyFile));
    String sealed = box.seal("registry:harbor/password", "Harbor12345");

    assertThat(sealed).startsWith("v1:").doesNotContain("Harbor12345");
    assertThat(box.seal("registry:harbor/password", "Harbor12345")).isNotEqualTo(sealed);
    assertThat(box.open("registry:harbor/password", sealed)).isEqualTo("Harbor12345");
    assertThat(Files.getPosixFilePermissions(keyFile))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));

    SecretBox reloaded = new SecretBox(SecretBox.loadKey(null, keyFile));
    assertThat(reloaded.open("registry:harbor/password", sealed)).isEqualTo("Harbor12345");
  }

  @Test
  void refusesAnotherPurposeAnotherKeyOrAChangedValue() {
    SecretBox box = new SecretBox(SecretBox.loadKey(null, dir.resolve("a.key")));
    SecretBox other = new SecretBox(SecretBox.loadKey(null, dir.resolve("b.key")));
    String sealed = box.seal("webhook:ops/token", "t0ken");
    byte[] raw = Base64.getDecoder().decode(sealed.substring(3));
    raw[raw.length - 1] ^= 1;
    String changed = "v1:" + Base64.getEncoder().encodeToString(raw);

    assertThatThrownBy(() -> box.open("cluster:prod/kubeconfig", sealed))
        .hasMessageContaining("cluster:prod/kubeconfig")
        .hasMessageContaining("another key");
    assertThatThrownBy(() -> other.open("webhook:ops/token", sealed))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> box.open("webhook:ops/token", changed))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> box.open("webhook:ops/token", "plain text"))
        .hasMessageContaining("not a sealed value");
  }

  @Test
  void takesTheKeyFromTheEnvironmentWhenGiven() {
    String key = Base64.getEncoder().encodeToString(new byte[32]);
    SecretBox box = new SecretBox(SecretBox.loadKey(key, dir.resolve("unused.key")));
    assertThat(box.open("p", box.seal("p", "x"))).isEqualTo("x");
    assertThat(dir.resolve("unused.key")).doesNotExist();
    assertThatThrownBy(() -> SecretBox.loadKey("c2hvcnQ=", dir.resolve("k")))
        .hasMessageContaining("has 5 bytes but it needs 32");
  }
}
