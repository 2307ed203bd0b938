package io.ferry.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A real console started for a test class, on H2 or PostgreSQL, with HTTP helpers that log in the
 * ways users do: anonymous, HTTP Basic, API token, or a browser-like session with CSRF.
 */
public final class ConsoleFixture implements AutoCloseable {

  /** The first admin's password, set through {@code --admin-password-file}. */
  public static final String ADMIN_PASSWORD = "ferry first password 1";

  private final ConfigurableApplicationContext context;
  private final String base;

  private ConsoleFixture(ConfigurableApplicationContext context) {
    this.context = context;
    this.base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
  }

  /** Starts a console on the embedded H2 database in {@code dataDir}. */
  public static ConsoleFixture onH2(Path dataDir) {
    return start(dataDir, null);
  }

  /** Starts a console on an external database. */
  public static ConsoleFixture start(Path dataDir, ServerOptions.@Nullable DatabaseOptions db) {
    try {
      Path passwordFile = dataDir.resolveSibling(dataDir.getFileName() + "-admin-password");
      Files.writeString(passwordFile, ADMIN_PASSWORD + "\n");
      return new ConsoleFixture(
          FerryServer.start(new ServerOptions("127.0.0.1", 0, dataDir, db, passwordFile)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts a console with exactly these options (e.g. without a first admin password). */
  public static ConsoleFixture of(ServerOptions options) {
    return new ConsoleFixture(FerryServer.start(options));
  }

  /** The console's base URL, e.g. {@code http://127.0.0.1:43123}. */
  public String base() {
    return base;
  }

  /** Direct database access, to play time forward (expire a token) or count rows. */
  public JdbcClient jdbc() {
    return context.getBean(JdbcClient.class);
  }

  /** A client that sends no credentials. */
  public Client anonymous() {
    return new Client(null);
  }

  /** A client that sends HTTP Basic credentials with every request. */
  public Client basic(String user, String password) {
    return new Client(
        "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
  }

  /** A client that sends an API token with every request. */
  public Client bearer(String token) {
    return new Client("Bearer " + token);
  }

  /** A browser-like client: logs in through the form and keeps the session cookie. */
  public Session login(String user, String password) {
    Session session = new Session();
    session.login(user, password);
    return session;
  }

  /** A browser-like client that has not logged in yet. */
  public Session session() {
    return new Session();
  }

  @Override
  public void close() {
    context.close();
  }

  /** Sends requests with fixed credentials. */
  public final class Client {
    private final HttpClient http = HttpClient.newHttpClient();
    private final @Nullable String authorization;

    private Client(@Nullable String authorization) {
      this.authorization = authorization;
    }

    /** Sends a request; {@code json} is the body, or null for none. */
    public HttpResponse<String> send(String method, String path, @Nullable String json) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(base + path))
              .method(
                  method,
                  json == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(json));
      if (json != null) {
        request.header("Content-Type", "application/json");
      }
      if (authorization != null) {
        request.header("Authorization", authorization);
      }
      return ConsoleFixture.send(http, request.build());
    }

    /** GET. */
    public HttpResponse<String> get(String path) {
      return send("GET", path, null);
    }
  }

  /** A session with its cookie and CSRF token, like a browser's. */
  public final class Session {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http =
        HttpClient.newBuilder()
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    /** Logs in through the form; returns where the console sends the user next. */
    public String login(String user, String password) {
      HttpResponse<String> response =
          postForm("/login", "username=" + encode(user) + "&password=" + encode(password), true);
      String location = response.headers().firstValue("Location").orElse("");
      if (response.statusCode() != 302 || location.contains("/login")) {
        throw new IllegalStateException("login as " + user + " failed: " + location);
      }
      return location;
    }

    /** GET a page. */
    public HttpResponse<String> get(String path) {
      return ConsoleFixture.send(http, HttpRequest.newBuilder(URI.create(base + path)).build());
    }

    /** A cookie the browser holds, such as the CSRF token's {@code XSRF-TOKEN}. */
    public java.util.Optional<String> cookie(String name) {
      return cookies.getCookieStore().getCookies().stream()
          .filter(c -> c.getName().equals(name))
          .map(java.net.HttpCookie::getValue)
          .findFirst();
    }

    /** An API call with JSON from this session, with {@code X-XSRF-TOKEN} when given. */
    public HttpResponse<String> sendJson(
        String method, String path, String json, @Nullable String csrfHeader) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(base + path))
              .header("Content-Type", "application/json")
              .method(method, HttpRequest.BodyPublishers.ofString(json));
      if (csrfHeader != null) {
        request.header("X-XSRF-TOKEN", csrfHeader);
      }
      return ConsoleFixture.send(http, request.build());
    }

    /** POST a form, with or without the CSRF token of a freshly loaded page. */
    public HttpResponse<String> postForm(String path, String form, boolean withCsrf) {
      String body = form;
      if (withCsrf) {
        String page = get(path.equals("/login") ? "/login" : "/password").body();
        Matcher m = CSRF.matcher(page);
        if (!m.find()) {
          throw new IllegalStateException("no CSRF token on the page before POST " + path);
        }
        body = form + "&_csrf=" + encode(m.group(1));
      }
      return ConsoleFixture.send(
          http,
          HttpRequest.newBuilder(URI.create(base + path))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build());
    }
  }

  private static String encode(String value) {
    return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static HttpResponse<String> send(HttpClient http, HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
