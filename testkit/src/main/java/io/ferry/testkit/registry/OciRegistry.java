package io.ferry.testkit.registry;

import io.ferry.testkit.FreePort;
import io.ferry.testkit.HttpProbe;
import io.ferry.testkit.RealService;
import io.ferry.testkit.ServiceDirectory;
import io.ferry.testkit.ServiceExtension;
import io.ferry.testkit.ServiceProcess;
import io.ferry.testkit.TestkitException;
import io.ferry.testkit.tls.ServerCertificate;
import io.ferry.testkit.tls.TestCertificateAuthority;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real CNCF distribution registry ({@code docker-registry}) on a free 127.0.0.1 port, anonymous
 * or with basic auth or token auth, over plain HTTP or TLS with a CA made at test time.
 */
public final class OciRegistry extends ServiceExtension {

  /** Debian's registry binary. */
  public static final Path BINARY = Path.of("/usr/bin/docker-registry");

  private final @Nullable RegistryCredentials basicAuth;
  private final boolean tls;
  private final @Nullable TokenAuth tokenAuth;
  private final Duration startTimeout;

  private @Nullable Running running;

  /** An anonymous plain-HTTP registry, for {@code @ExtendWith(OciRegistry.class)}. */
  public OciRegistry() {
    this(new Builder());
  }

  private OciRegistry(Builder builder) {
    this.basicAuth = builder.basicAuth;
    this.tls = builder.tls;
    this.tokenAuth = builder.tokenAuth;
    this.startTimeout = builder.startTimeout;
  }

  /** Starts describing a registry; without options it is anonymous over plain HTTP. */
  public static Builder builder() {
    return new Builder();
  }

  /** Starts tried on a fresh port when the one picked was taken before the registry bound it. */
  private static final int PORT_ATTEMPTS = 3;

  @Override
  protected void start(ExtensionContext context) {
    RealService.require(BINARY, "docker-registry");
    Path directory = ServiceDirectory.create("registry");
    TestCertificateAuthority ca = null;
    Path certificate = null;
    Path key = null;
    ServerCertificate serverCertificate = null;
    if (tls) {
      ca = TestCertificateAuthority.create("ferry-testkit-registry-ca");
      serverCertificate = ca.issueLoopbackServerCertificate();
      ServiceDirectory.write(directory.resolve("ca.pem"), ca.certificatePem());
      certificate =
          ServiceDirectory.write(
              directory.resolve("server.pem"), serverCertificate.certificateChainPem());
      key =
          ServiceDirectory.write(
              directory.resolve("server-key.pem"), serverCertificate.privateKeyPem());
    }
    Path htpasswd = null;
    if (basicAuth != null) {
      htpasswd = ServiceDirectory.write(directory.resolve("htpasswd"), Htpasswd.line(basicAuth));
    }
    TokenServer tokenServer = null;
    RegistryConfig.TokenAuthConfig tokenConfig = null;
    if (tokenAuth != null) {
      tokenServer = TokenServer.start(tokenAuth, serverCertificate);
      Path bundle =
          ServiceDirectory.write(
              directory.resolve("token-signer.pem"), tokenServer.signingCertificatePem());
      tokenConfig =
          new RegistryConfig.TokenAuthConfig(
              tokenServer.realm(), tokenAuth.service(), tokenAuth.issuer(), bundle);
    }
    SSLContext sslContext = ca == null ? null : ca.clientSslContext();
    // A free port can be taken by another process (a client's ephemeral port) between the pick
    // and the registry's bind: that start is retried on a new port, a few times.
    for (int attempt = 1; ; attempt++) {
      int port = FreePort.pick();
      Path config =
          ServiceDirectory.write(
              directory.resolve("config.yml"),
              RegistryConfig.render(directory, port, certificate, key, htpasswd, tokenConfig));
      URI base = URI.create((tls ? "https" : "http") + "://127.0.0.1:" + port);
      HttpProbe probe = HttpProbe.get(base.resolve("/v2/"), Set.of(200, 401), sslContext);
      try {
        ServiceProcess process =
            ServiceProcess.start(
                "docker-registry",
                List.of(BINARY.toString(), "serve", config.toString()),
                directory,
                Map.of());
        process.awaitReady(probe.describe(), startTimeout, probe);
        running = new Running(directory, port, base, process, ca, tokenServer);
        return;
      } catch (RuntimeException e) {
        if (attempt < PORT_ATTEMPTS
            && String.valueOf(e.getMessage()).contains("address already in use")) {
          continue;
        }
        if (tokenServer != null) {
          tokenServer.close();
        }
        throw e;
      }
    }
  }

  @Override
  protected void stop(ExtensionContext context) {
    Running current = running;
    running = null;
    if (current != null) {
      current.process().stop(Duration.ofSeconds(10));
      if (current.tokenServer() != null) {
        current.tokenServer().close();
      }
      ServiceDirectory.delete(current.directory());
    }
  }

  /** Returns {@code 127.0.0.1:<port>}, the registry part of image references. */
  public String hostAndPort() {
    return "127.0.0.1:" + running().port();
  }

  /** Returns the port the registry listens on. */
  public int port() {
    return running().port();
  }

  /** Returns the base URI, {@code http(s)://127.0.0.1:<port>}; the API is below {@code /v2/}. */
  public URI baseUri() {
    return running().baseUri();
  }

  /** Returns the credentials basic auth accepts, when the registry uses basic auth. */
  public Optional<RegistryCredentials> basicAuthCredentials() {
    return Optional.ofNullable(basicAuth);
  }

  /** Returns the token server, when the registry uses token auth. */
  public Optional<TokenServer> tokenServer() {
    return Optional.ofNullable(running().tokenServer());
  }

  /** Returns true when the registry serves TLS. */
  public boolean isTls() {
    return tls;
  }

  /** Returns the PEM file of the CA that signed the registry's certificate (TLS only). */
  public Path caCertificatePem() {
    requireTls();
    return running().directory().resolve("ca.pem");
  }

  /** Returns a trust manager trusting exactly the registry's CA (TLS only). */
  public X509TrustManager trustManager() {
    return requireTls().trustManager();
  }

  /** Returns a client TLS context trusting exactly the registry's CA (TLS only). */
  public SSLContext sslContext() {
    return requireTls().clientSslContext();
  }

  /** Returns an HTTP/1.1 client that trusts the registry's CA when it uses TLS. */
  public HttpClient newHttpClient() {
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5));
    if (tls) {
      builder.sslContext(sslContext());
    }
    return builder.build();
  }

  /** Returns the folder that holds the registry's storage, config and log. */
  public Path directory() {
    return running().directory();
  }

  /** Returns the registry's OS process id. */
  public long pid() {
    return running().process().pid();
  }

  private TestCertificateAuthority requireTls() {
    TestCertificateAuthority ca = running().ca();
    if (ca == null) {
      throw new TestkitException(
          "Tried to use the registry's CA but this registry serves plain HTTP (build it with"
              + " OciRegistry.builder().tls())");
    }
    return ca;
  }

  private Running running() {
    Running current = running;
    if (current == null) {
      throw new TestkitException(
          "The registry is not running: register OciRegistry with @RegisterExtension or"
              + " @ExtendWith before using it");
    }
    return current;
  }

  private record Running(
      Path directory,
      int port,
      URI baseUri,
      ServiceProcess process,
      @Nullable TestCertificateAuthority ca,
      @Nullable TokenServer tokenServer) {}

  /** Describes a registry: auth mode, TLS and start timeout. */
  public static final class Builder {
    private @Nullable RegistryCredentials basicAuth;
    private boolean tls;
    private @Nullable TokenAuth tokenAuth;
    private Duration startTimeout = Duration.ofSeconds(30);

    private Builder() {}

    /** Requires basic auth with these credentials (bcrypt htpasswd). */
    public Builder basicAuth(String username, String password) {
      this.basicAuth = new RegistryCredentials(username, password);
      return this;
    }

    /** Serves TLS with a server certificate for 127.0.0.1 and localhost from a fresh test CA. */
    public Builder tls() {
      this.tls = true;
      return this;
    }

    /** Requires bearer tokens from a token server the registry starts in this JVM. */
    public Builder tokenAuth(TokenAuth tokenAuth) {
      this.tokenAuth = tokenAuth;
      return this;
    }

    /** Requires bearer tokens from a token server with the default user ferry/ferry-secret. */
    public Builder tokenAuth() {
      return tokenAuth(TokenAuth.builder().build());
    }

    /** Sets how long the registry may take to answer {@code GET /v2/}. */
    public Builder startTimeout(Duration startTimeout) {
      this.startTimeout = startTimeout;
      return this;
    }

    /** Returns the extension; it starts the registry when JUnit calls it. */
    public OciRegistry build() {
      List<String> problems = new ArrayList<>();
      if (basicAuth != null && tokenAuth != null) {
        problems.add("auth was 'basic and token' but it must be one of them");
      }
      if (startTimeout.isNegative() || startTimeout.isZero()) {
        problems.add("startTimeout was '" + startTimeout + "' but it must be positive");
      }
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException(String.join("; ", problems));
      }
      return new OciRegistry(this);
    }
  }
}
