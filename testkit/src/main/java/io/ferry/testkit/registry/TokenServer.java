package io.ferry.testkit.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.ferry.testkit.TestkitException;
import io.ferry.testkit.tls.ServerCertificate;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * A Docker token server in the test JVM that answers {@code GET /service/token} as Harbor does,
 * with RS256 JWTs the registry verifies against the signing certificate, and {@code POST} with
 * {@code grant_type=refresh_token} for the identity tokens {@link #issueRefreshToken} hands out
 * (the OAuth2 flow of Docker's token spec; an unknown refresh token gets {@code 400
 * invalid_grant}).
 */
public final class TokenServer implements AutoCloseable {

  /** The path of the token endpoint, as Harbor serves it. */
  public static final String PATH = "/service/token";

  private final TokenAuth auth;
  private final JwtSigner signer = new JwtSigner();
  private final HttpServer server;
  private final ExecutorService executor;
  private final URI realm;
  private final AtomicLong issued = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private final Map<String, TokenUser> refreshTokens = new ConcurrentHashMap<>();

  private TokenServer(TokenAuth auth, @Nullable ServerCertificate tls) throws IOException {
    this.auth = auth;
    InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    if (tls == null) {
      server = HttpServer.create(address, 16);
    } else {
      HttpsServer https = HttpsServer.create(address, 16);
      https.setHttpsConfigurator(new HttpsConfigurator(tls.serverSslContext()));
      server = https;
    }
    server.createContext(PATH, this::handle);
    executor = Executors.newFixedThreadPool(2, runnable -> daemon(runnable));
    server.setExecutor(executor);
    server.start();
    realm =
        URI.create(
            (tls == null ? "http" : "https")
                + "://127.0.0.1:"
                + server.getAddress().getPort()
                + PATH);
  }

  /** Starts a token server on a free loopback port, over TLS when {@code tls} is given. */
  public static TokenServer start(TokenAuth auth, @Nullable ServerCertificate tls) {
    try {
      return new TokenServer(auth, tls);
    } catch (IOException e) {
      throw new TestkitException("Tried to start the token server on 127.0.0.1 but failed", e);
    }
  }

  /** Returns the token endpoint, the registry's {@code realm}. */
  public URI realm() {
    return realm;
  }

  /** Returns the configuration this server follows. */
  public TokenAuth auth() {
    return auth;
  }

  /** Returns the certificate that signs tokens (the registry's rootcertbundle). */
  public X509Certificate signingCertificate() {
    return signer.certificate();
  }

  /** Returns the signing certificate as PEM. */
  public String signingCertificatePem() {
    return signer.certificatePem();
  }

  /**
   * An identity token (OAuth2 refresh token) for the user named {@code username}, as {@code docker
   * login} would save it.
   */
  public String issueRefreshToken(String username) {
    TokenUser user =
        auth.users().stream()
            .filter(u -> u.credentials().username().equals(username))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no user " + username));
    String token = "refresh-" + UUID.randomUUID();
    refreshTokens.put(token, user);
    return token;
  }

  /** Returns how many tokens this server has issued. */
  public long tokensIssued() {
    return issued.get();
  }

  /** Returns how many token requests this server refused. */
  public long requestsRefused() {
    return refused.get();
  }

  /** Stops the server at once. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      if (!"GET".equals(method) && !"POST".equals(method)) {
        respond(exchange, 405, error("UNSUPPORTED", "only GET and POST are supported"));
        return;
      }
      // GET: the parameters in the query, the user in basic auth; POST: all in the form body.
      String rawQuery =
          "GET".equals(method)
              ? exchange.getRequestURI().getRawQuery()
              : new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      List<String> serviceParams = queryParams(rawQuery, "service");
      if (!serviceParams.isEmpty() && !serviceParams.contains(auth.service())) {
        refused.incrementAndGet();
        respond(exchange, 400, error("INVALID_REQUEST", "unknown service " + serviceParams));
        return;
      }
      List<TokenScope> requested = new ArrayList<>();
      for (String scope : queryParams(rawQuery, "scope")) {
        for (String part : scope.split(" ")) {
          requested.add(TokenScope.parse(part));
        }
      }
      Optional<TokenUser> user;
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      if ("POST".equals(method)) {
        List<String> grant = queryParams(rawQuery, "grant_type");
        List<String> refresh = queryParams(rawQuery, "refresh_token");
        user =
            grant.equals(List.of("refresh_token")) && refresh.size() == 1
                ? Optional.ofNullable(refreshTokens.get(refresh.get(0)))
                : Optional.empty();
        if (user.isEmpty()) {
          refused.incrementAndGet();
          respond(exchange, 400, "{\"error\":\"invalid_grant\"}");
          return;
        }
      } else if (authorization == null) {
        user = Optional.empty();
      } else {
        user = authenticate(authorization);
        if (user.isEmpty()) {
          refused.incrementAndGet();
          exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"ferry-testkit\"");
          respond(exchange, 401, error("UNAUTHORIZED", "wrong username or password"));
          return;
        }
      }
      Set<String> allowed = user.map(TokenUser::actions).orElse(anonymousActions());
      List<TokenScope> granted =
          requested.stream()
              .map(scope -> scope.grantOnly(allowed))
              .filter(scope -> !scope.actions().isEmpty())
              .toList();
      Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
      String token =
          signer.sign(
              auth.issuer(),
              user.map(u -> u.credentials().username()).orElse(""),
              auth.service(),
              now,
              now.plus(auth.tokenLifetime()),
              granted);
      issued.incrementAndGet();
      respond(
          exchange,
          200,
          "{\"token\":"
              + Json.quote(token)
              + ",\"access_token\":"
              + Json.quote(token)
              + ",\"expires_in\":"
              + auth.tokenLifetime().toSeconds()
              + ",\"issued_at\":"
              + Json.quote(DateTimeFormatter.ISO_INSTANT.format(now))
              + "}");
    } catch (IllegalArgumentException e) {
      refused.incrementAndGet();
      respond(exchange, 400, error("INVALID_REQUEST", e.getMessage()));
    }
  }

  private Set<String> anonymousActions() {
    return auth.anonymous() == AnonymousAccess.PULL ? Set.of("pull") : Set.of();
  }

  private Optional<TokenUser> authenticate(String authorization) {
    if (!authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return Optional.empty();
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(authorization.substring(6).trim()),
              StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return Optional.empty();
    }
    String username = decoded.substring(0, colon);
    String password = decoded.substring(colon + 1);
    return auth.users().stream()
        .filter(u -> u.credentials().username().equals(username))
        .filter(u -> u.credentials().password().equals(password))
        .findFirst();
  }

  private static List<String> queryParams(@Nullable String rawQuery, String name) {
    List<String> values = new ArrayList<>();
    if (rawQuery == null) {
      return values;
    }
    for (String pair : rawQuery.split("&")) {
      int equals = pair.indexOf('=');
      String key = equals < 0 ? pair : pair.substring(0, equals);
      if (URLDecoder.decode(key, StandardCharsets.UTF_8).equals(name)) {
        values.add(
            equals < 0
                ? ""
                : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
      }
    }
    return values;
  }

  private static String error(String code, String message) {
    return "{\"errors\":[{\"code\":"
        + Json.quote(code)
        + ",\"message\":"
        + Json.quote(message)
        + "}]}";
  }

  private static void respond(HttpExchange exchange, int status, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
  }

  private static Thread daemon(Runnable runnable) {
    Thread thread = new Thread(runnable, "ferry-token-server");
    thread.setDaemon(true);
    return thread;
  }
}
