package io.ferry.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.server.ConsoleFixture;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What users and scripts check of the console API; run on H2 and on PostgreSQL by the subclasses.
 */
abstract class ConsoleApiContract {

  static final JsonMapper JSON = JsonMapper.builder().build();

  abstract ConsoleFixture console();

  ConsoleFixture.Client admin() {
    return console().basic("admin", ConsoleFixture.ADMIN_PASSWORD);
  }

  /** Creates a user whose first password is already changed, so it can use the API at once. */
  ConsoleFixture.Client user(String name, String role) {
    String first = "start password one";
    String password = "later password two";
    HttpResponse<String> created =
        admin()
            .send(
                "POST",
                "/api/v1/users",
                "{\"username\":\""
                    + name
                    + "\",\"role\":\""
                    + role
                    + "\",\"password\":\""
                    + first
                    + "\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    HttpResponse<String> changed =
        console()
            .basic(name, first)
            .send(
                "PUT",
                "/api/v1/me/password",
                "{\"currentPassword\":\"" + first + "\",\"newPassword\":\"" + password + "\"}");
    assertThat(changed.statusCode()).as(changed.body()).isEqualTo(204);
    return console().basic(name, password);
  }

  /** Every operation of the OpenAPI document, with path variables filled in. */
  List<Map.Entry<String, String>> operations() {
    HttpResponse<String> docs = admin().get("/v3/api-docs");
    assertThat(docs.statusCode()).isEqualTo(200);
    JsonNode paths = JSON.readTree(docs.body()).get("paths");
    List<Map.Entry<String, String>> operations = new ArrayList<>();
    for (String path : paths.propertyNames()) {
      for (String method : paths.get(path).propertyNames()) {
        operations.add(
            Map.entry(
                method.toUpperCase(java.util.Locale.ROOT), path.replaceAll("\\{[^}]+}", "1")));
      }
    }
    assertThat(operations).hasSizeGreaterThan(10);
    return operations;
  }

  @Test
  void everyEndpointAnswers401ToAnonymousRequests() {
    List<String> open = new ArrayList<>();
    for (Map.Entry<String, String> op : operations()) {
      HttpResponse<String> response = console().anonymous().send(op.getKey(), op.getValue(), "{}");
      if (response.statusCode() != 401) {
        open.add(op.getKey() + " " + op.getValue() + " → " + response.statusCode());
      }
    }
    assertThat(open).as("endpoints open to anonymous requests").isEmpty();
    assertThat(console().anonymous().get("/v3/api-docs").statusCode()).isEqualTo(401);
    assertThat(console().anonymous().get("/actuator/prometheus").statusCode()).isEqualTo(401);
    assertThat(console().anonymous().get("/actuator/health").statusCode()).isEqualTo(200);
  }

  @Test
  void viewerGets403OnEveryMutatingEndpointButTheirOwnAccount() {
    ConsoleFixture.Client viewer = user("vivian", "viewer");
    List<String> allowed = new ArrayList<>();
    int checked = 0;
    for (Map.Entry<String, String> op : operations()) {
      if (op.getKey().equals("GET") || op.getValue().startsWith("/api/v1/me")) {
        continue;
      }
      checked++;
      HttpResponse<String> response = viewer.send(op.getKey(), op.getValue(), "{}");
      if (response.statusCode() != 403) {
        allowed.add(op.getKey() + " " + op.getValue() + " → " + response.statusCode());
      }
    }
    assertThat(checked).isGreaterThanOrEqualTo(5);
    assertThat(allowed).as("mutating endpoints a viewer was not refused").isEmpty();
    assertThat(viewer.get("/api/v1/users").statusCode()).isEqualTo(200);
  }

  @Test
  void tokenWorksUntilRevokedOrExpired() throws Exception {
    ConsoleFixture.Client dev = user("dora", "developer");
    HttpResponse<String> created =
        dev.send("POST", "/api/v1/tokens", "{\"name\":\"ci\",\"expiresInDays\":30}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode body = JSON.readTree(created.body());
    String secret = body.get("secret").asString();
    long id = body.get("token").get("id").asLong();
    assertThat(secret).startsWith("fry_");

    ConsoleFixture.Client token = console().bearer(secret);
    assertThat(JSON.readTree(token.get("/api/v1/me").body()).get("username").asString())
        .isEqualTo("dora");
    assertThat(dev.get("/api/v1/tokens").body()).doesNotContain(secret);

    assertThat(dev.send("DELETE", "/api/v1/tokens/" + id, null).statusCode()).isEqualTo(204);
    HttpResponse<String> refused = token.get("/api/v1/me");
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");

    String second =
        JSON.readTree(dev.send("POST", "/api/v1/tokens", "{\"name\":\"nightly\"}").body())
            .get("secret")
            .asString();
    assertThat(console().bearer(second).get("/api/v1/me").statusCode()).isEqualTo(200);
    console()
        .jdbc()
        .sql("update api_tokens set expires_at = ? where name = 'nightly'")
        .param(Timestamp.from(Instant.now().minusSeconds(1)))
        .update();
    assertThat(console().bearer(second).get("/api/v1/me").statusCode()).isEqualTo(401);
    assertThat(console().bearer("fry_not-a-real-token").get("/api/v1/me").statusCode())
        .isEqualTo(401);
  }

  @Test
  void badRequestsAreProblemDocumentsWithEveryFieldError() {
    HttpResponse<String> response =
        admin()
            .send(
                "POST",
                "/api/v1/users",
                "{\"username\":\"Bad Name\",\"displayName\":\"\",\"role\":\"viewer\",\"password\":\"short\"}");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    JsonNode errors = JSON.readTree(response.body()).get("errors");
    assertThat(errors.propertyNames()).contains("username", "password", "displayName");
    assertThat(errors.get("username").asString()).contains("'Bad Name'");

    user("duplicate", "viewer");
    HttpResponse<String> again =
        admin()
            .send(
                "POST",
                "/api/v1/users",
                "{\"username\":\"duplicate\",\"role\":\"viewer\",\"password\":\"another long password\"}");
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(admin().get("/api/v1/users?size=0").statusCode()).isEqualTo(400);
    assertThat(admin().get("/api/v1/users/nobody").statusCode()).isEqualTo(404);
  }

  @Test
  void mutatingActionsAreAuditedAndCanBeFilteredAndExported() throws Exception {
    user("audra", "operator");
    ConsoleFixture.Client viewer = user("victor", "viewer");
    viewer.send("POST", "/api/v1/users", "{}");

    JsonNode created =
        JSON.readTree(admin().get("/api/v1/audit?action=user.create&target=audra").body());
    assertThat(created.get("total").asLong()).isEqualTo(1);
    JsonNode event = created.get("items").get(0);
    assertThat(event.get("actor").asString()).isEqualTo("admin");
    assertThat(event.get("result").asString()).isEqualTo("success");
    assertThat(event.get("source").asString()).isEqualTo("127.0.0.1");

    JsonNode denied = JSON.readTree(admin().get("/api/v1/audit?actor=victor&result=denied").body());
    assertThat(denied.get("total").asLong()).isEqualTo(1);
    assertThat(denied.get("items").get(0).get("target").asString()).isEqualTo("/api/v1/users");

    JsonNode prefix = JSON.readTree(admin().get("/api/v1/audit?action=user.&size=1").body());
    assertThat(prefix.get("items")).hasSize(1);
    assertThat(prefix.get("total").asLong()).isGreaterThanOrEqualTo(4);

    HttpResponse<String> csv = admin().get("/api/v1/audit/export?format=csv&actor=victor");
    assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
    assertThat(csv.body().lines().findFirst())
        .hasValue("id,at,actor,action,target,result,source,detail");
    assertThat(csv.body()).contains(",victor,http.post,/api/v1/users,denied,127.0.0.1,");

    HttpResponse<String> json = admin().get("/api/v1/audit/export?format=json&actor=victor");
    JsonNode exported = JSON.readTree(json.body());
    assertThat(exported.isArray()).isTrue();
    assertThat(exported.size()).isEqualTo(countLines(csv.body()) - 1);
    assertThat(admin().get("/api/v1/audit?result=maybe").statusCode()).isEqualTo(400);
  }

  @Test
  void repeatedFailedLoginsLockTheAccount() {
    user("lena", "viewer");
    for (int i = 0; i < 5; i++) {
      assertThat(console().basic("lena", "wrong password " + i).get("/api/v1/me").statusCode())
          .isEqualTo(401);
    }
    assertThat(console().basic("lena", "later password two").get("/api/v1/me").statusCode())
        .as("the right password while locked")
        .isEqualTo(401);
    JsonNode user = JSON.readTree(admin().get("/api/v1/users/lena").body());
    assertThat(user.get("lockedUntil").isNull()).isFalse();
    JsonNode audit = JSON.readTree(admin().get("/api/v1/audit?actor=lena&action=login").body());
    assertThat(audit.get("total").asLong()).isGreaterThanOrEqualTo(6);
  }

  @Test
  void userMustChangeTheFirstPasswordBeforeUsingTheApi() {
    admin()
        .send(
            "POST",
            "/api/v1/users",
            "{\"username\":\"newbie\",\"role\":\"developer\",\"password\":\"start password one\"}");
    ConsoleFixture.Client newbie = console().basic("newbie", "start password one");
    HttpResponse<String> blocked = newbie.get("/api/v1/users");
    assertThat(blocked.statusCode()).isEqualTo(403);
    assertThat(blocked.body()).contains("/api/v1/me/password");
    assertThat(JSON.readTree(newbie.get("/api/v1/me").body()).get("mustChangePassword").asBoolean())
        .isTrue();
  }

  @Test
  void adminResetsAPasswordAndTheUserMustChangeItAgain() {
    user("rita", "operator");
    HttpResponse<String> reset =
        admin()
            .send("PUT", "/api/v1/users/rita/password", "{\"password\":\"temporary password 9\"}");
    assertThat(reset.statusCode()).isEqualTo(204);
    assertThat(console().basic("rita", "later password two").get("/api/v1/me").statusCode())
        .isEqualTo(401);
    ConsoleFixture.Client rita = console().basic("rita", "temporary password 9");
    assertThat(JSON.readTree(rita.get("/api/v1/me").body()).get("mustChangePassword").asBoolean())
        .isTrue();
    assertThat(rita.get("/api/v1/audit").statusCode()).isEqualTo(403);
  }

  @Test
  void adminCannotLockThemselvesOut() {
    HttpResponse<String> demote =
        admin().send("PATCH", "/api/v1/users/admin", "{\"role\":\"viewer\"}");
    assertThat(demote.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(demote.body()).get("errors").get("role").asString())
        .contains("cannot demote or disable themselves");
    user("dana", "developer");
    HttpResponse<String> disabled =
        admin().send("PATCH", "/api/v1/users/dana", "{\"enabled\":false}");
    assertThat(disabled.statusCode()).isEqualTo(200);
    assertThat(console().basic("dana", "later password two").get("/api/v1/me").statusCode())
        .isEqualTo(401);
  }

  @Test
  void consoleFormsRequireTheCsrfToken() {
    ConsoleFixture.Session session = console().login("admin", ConsoleFixture.ADMIN_PASSWORD);
    String form = "username=casper&role=viewer&password=" + "start+password+one";
    assertThat(session.postForm("/users", form, false).statusCode()).isEqualTo(403);
    assertThat(admin().get("/api/v1/users/casper").statusCode()).isEqualTo(404);
    HttpResponse<String> accepted = session.postForm("/users", form, true);
    assertThat(accepted.statusCode()).isEqualTo(302);
    assertThat(admin().get("/api/v1/users/casper").statusCode()).isEqualTo(200);
  }

  @Test
  void aSessionChangesThingsThroughTheApiOnlyWithTheCsrfCookieSentBackAsAHeader() {
    // What Swagger UI does for a logged-in user (springdoc.swagger-ui.csrf.enabled).
    ConsoleFixture.Session session = console().login("admin", ConsoleFixture.ADMIN_PASSWORD);
    session.get("/");
    String json = "{\"name\":\"from-swagger-ui\",\"expiresInDays\":1}";
    assertThat(session.sendJson("POST", "/api/v1/tokens", json, null).statusCode()).isEqualTo(403);
    assertThat(session.sendJson("POST", "/api/v1/tokens", json, "forged").statusCode())
        .isEqualTo(403);
    String token = session.cookie("XSRF-TOKEN").orElseThrow();
    assertThat(session.sendJson("POST", "/api/v1/tokens", json, token).statusCode()).isEqualTo(201);
    assertThat(session.get("/swagger-ui/swagger-initializer.js").body()).contains("XSRF-TOKEN");
  }

  @Test
  void languageFollowsTheBrowserBeforeLogin() throws Exception {
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    HttpResponse<String> chinese =
        http.send(
            java.net.http.HttpRequest.newBuilder(java.net.URI.create(console().base() + "/login"))
                .header("Accept-Language", "zh-CN,zh;q=0.9,en;q=0.8")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(chinese.body()).contains("<title>登录 · Ferry</title>").contains("lang=\"zh-CN\"");
    assertThat(console().anonymous().get("/login").body())
        .contains("<title>Log in · Ferry</title>");
  }

  @Test
  void swaggerUiIsForLoggedInUsersOnly() {
    HttpResponse<String> anonymous = console().session().get("/swagger-ui/index.html");
    assertThat(anonymous.statusCode()).isEqualTo(302);
    assertThat(anonymous.headers().firstValue("Location").orElse("")).endsWith("/login");
    ConsoleFixture.Session session = console().login("admin", ConsoleFixture.ADMIN_PASSWORD);
    HttpResponse<String> page = session.get("/swagger-ui/index.html");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("swagger-ui");
    assertThat(session.get("/v3/api-docs").body()).contains("Ferry console API");
  }

  @Test
  void securityHeadersAreSet() {
    HttpResponse<String> page = console().anonymous().get("/login");
    assertThat(page.headers().firstValue("Content-Security-Policy").orElse(""))
        .contains("default-src 'self'")
        .contains("frame-ancestors 'none'");
    assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
  }

  @Test
  void metricsCountLoginsHttpRequestsAndTheDatabasePool() {
    console().login("admin", ConsoleFixture.ADMIN_PASSWORD);
    String metrics = admin().get("/actuator/prometheus").body();
    assertThat(metrics)
        .containsPattern("ferry_logins_total\\{[^}]*result=\"success\"[^}]*} [1-9]")
        .contains("http_server_requests_seconds_count")
        .contains("hikaricp_connections_active");
  }

  private static long countLines(String text) {
    return text.lines().count();
  }
}
