package io.ferry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.oci.FerryVersion;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

class FerryServerTest {

  @TempDir Path dataDir;

  @Test
  void firstStartCreatesAdminWithAOneTimePasswordThatMustBeChanged() throws Exception {
    try (ConsoleFixture console = ConsoleFixture.of(new ServerOptions("127.0.0.1", 0, dataDir))) {
      assertThat(console.anonymous().get("/actuator/health").body()).contains("\"status\":\"UP\"");
      assertThat(console.anonymous().get("/login").body()).contains(FerryVersion.get());

      Path passwordFile = dataDir.resolve("initial-admin-password");
      assertThat(Files.getPosixFilePermissions(passwordFile))
          .isEqualTo(PosixFilePermissions.fromString("rw-------"));
      String password = Files.readString(passwordFile).strip();
      assertThat(password).hasSizeGreaterThanOrEqualTo(20);

      ConsoleFixture.Session session = console.session();
      assertThat(session.login("admin", password)).endsWith("/");
      HttpResponse<String> home = session.get("/");
      assertThat(home.statusCode()).isEqualTo(302);
      assertThat(home.headers().firstValue("Location").orElse("")).endsWith("/password");
      assertThat(console.basic("admin", password).get("/actuator/prometheus").statusCode())
          .as("the API too waits for the new password")
          .isEqualTo(403);
    }
  }

  @Test
  void keepsItsDataAcrossARestart() throws Exception {
    String firstId;
    String newPassword = "a much better password";
    try (ConsoleFixture console = ConsoleFixture.of(new ServerOptions("127.0.0.1", 0, dataDir))) {
      String password = Files.readString(dataDir.resolve("initial-admin-password")).strip();
      ConsoleFixture.Session session = console.session();
      session.login("admin", password);
      HttpResponse<String> changed =
          session.postForm(
              "/password",
              "currentPassword="
                  + password
                  + "&newPassword=a+much+better+password&confirmPassword=a+much+better+password",
              true);
      assertThat(changed.statusCode()).isEqualTo(302);
      String page = session.get("/").body();
      firstId = field(page, "installation-id");
      assertThat(field(page, "installation-starts")).isEqualTo("1");
    }
    assertThat(dataDir.resolve("ferry.mv.db")).exists();

    try (ConsoleFixture console = ConsoleFixture.of(new ServerOptions("127.0.0.1", 0, dataDir))) {
      ConsoleFixture.Session session = console.session();
      session.login("admin", newPassword);
      String page = session.get("/").body();
      assertThat(field(page, "installation-id")).isEqualTo(firstId);
      assertThat(field(page, "installation-starts")).isEqualTo("2");
      assertThat(console.basic("admin", newPassword).get("/actuator/prometheus").body())
          .contains("jvm_memory_used_bytes");
    }
  }

  @Test
  void theLaunchersTrainingStartServesItsFirstPagesThenClosesByItself() {
    // What ./ferry runs once per build to record its class-data-sharing archive.
    System.setProperty("ferry.training", "true");
    try {
      ConfigurableApplicationContext context =
          FerryServer.start(new ServerOptions("127.0.0.1", 0, dataDir));
      assertThat(context.isActive()).as("closed itself after its requests").isFalse();
    } finally {
      System.clearProperty("ferry.training");
    }
  }

  @Test
  void rejectsEveryBadOptionAtOnce() {
    assertThatThrownBy(() -> new ServerOptions("no such host.invalid", 70000, dataDir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("port was '70000'")
        .hasMessageContaining("listen was 'no such host.invalid'");
  }

  private static String field(String page, String id) {
    Matcher m = Pattern.compile("id=\"" + id + "\">([^<]*)<").matcher(page);
    assertThat(m.find()).as("page has element #%s", id).isTrue();
    return m.group(1);
  }
}
