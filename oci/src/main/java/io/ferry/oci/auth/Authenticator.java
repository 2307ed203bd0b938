package io.ferry.oci.auth;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Authorizes requests to one registry. It learns the scheme from the first {@code 401}'s {@code
 * WWW-Authenticate}; afterwards it sends basic credentials, or a bearer token per scope set from a
 * cache, up front. Tokens are fetched again when they expire or when the registry refuses them.
 * Thread-safe.
 */
public final class Authenticator {

  private static final Duration EXPIRY_MARGIN = Duration.ofSeconds(5);

  private final String registry;
  private final CredentialProvider credentialProvider;
  private volatile @Nullable Optional<Credentials> credentials;
  private final TokenFetcher tokens;
  private final Clock clock;
  private final Map<String, BearerToken> tokenCache = new ConcurrentHashMap<>();
  private volatile @Nullable Challenge learned;

  public Authenticator(
      String registry,
      Supplier<HttpClient> http,
      CredentialProvider credentialProvider,
      Duration timeout,
      Clock clock) {
    this.registry = registry;
    this.credentialProvider = credentialProvider;
    this.tokens = new TokenFetcher(http, timeout, clock);
    this.clock = clock;
  }

  /**
   * What a refused request had for credentials: found and sent, found but an identity token this
   * registry's basic scheme cannot take, or none. Looks none up (an error answer must not run a
   * credential helper): before the registry asked for credentials there are none.
   */
  public CredentialUse credentialUse() {
    Optional<Credentials> found = credentials;
    if (found == null || found.isEmpty()) {
      return CredentialUse.NONE;
    }
    Challenge challenge = learned;
    String source = credentialProvider.source(registry);
    boolean basicOnly = challenge == null || !challenge.scheme().equals("bearer");
    // an identity token is sent only to a token service, so only once the registry asked for one
    return found.get().isIdentityToken() && basicOnly
        ? new CredentialUse(false, source, true)
        : CredentialUse.sentFrom(source);
  }

  /**
   * The credentials for this registry, looked up when first needed: a credential helper is run only
   * for a registry that asks for credentials.
   */
  private Optional<Credentials> credentials() {
    Optional<Credentials> found = credentials;
    if (found == null) {
      found = credentialProvider.credentialsFor(registry);
      credentials = found;
    }
    return found;
  }

  /** The credentials to send as {@code Basic}: an identity token only goes to a token service. */
  private Optional<Credentials> basicCredentials() {
    return credentials().filter(c -> !c.isIdentityToken());
  }

  /**
   * The {@code Authorization} header for a request that needs {@code scopes}, fetching a token when
   * the registry is known to want one; empty until the registry has asked for anything.
   */
  public Optional<String> authorization(
      Collection<String> scopes, @Nullable String repository, String operation) {
    Challenge challenge = learned;
    if (challenge == null) {
      return Optional.empty();
    }
    if (challenge.scheme().equals("basic")) {
      return basicCredentials().map(Credentials::basicAuthorization);
    }
    String key = key(scopes);
    BearerToken token = tokenCache.get(key);
    if (token == null || token.expiredAt(clock.instant(), EXPIRY_MARGIN)) {
      token =
          tokens.fetch(
              challenge, new TreeSet<>(scopes), credentials(), registry, repository, operation);
      tokenCache.put(key, token);
    }
    return Optional.of("Bearer " + token.token());
  }

  /**
   * Takes a {@code 401}'s challenge; returns true when retrying the request with {@link
   * #authorization} may now succeed, false when there is nothing new to try (then the 401 stands).
   *
   * @param sentAuthorization the {@code Authorization} the refused request carried, or null
   */
  public boolean challenged(
      @Nullable String wwwAuthenticate,
      Collection<String> scopes,
      @Nullable String sentAuthorization,
      @Nullable String repository,
      String operation) {
    if (wwwAuthenticate == null) {
      return false;
    }
    List<Challenge> challenges = Challenge.parse(wwwAuthenticate);
    Challenge bearer = find(challenges, "bearer");
    if (bearer != null) {
      TreeSet<String> wanted = new TreeSet<>(scopes);
      String challengeScope = bearer.parameter("scope");
      if (challengeScope != null && !challengeScope.isBlank()) {
        wanted.addAll(List.of(challengeScope.split(" ")));
      }
      // The caller retries once per request, so a refused token is simply replaced here.
      learned = bearer;
      tokenCache.put(
          key(scopes),
          tokens.fetch(bearer, wanted, credentials(), registry, repository, operation));
      return true;
    }
    Challenge basic = find(challenges, "basic");
    Optional<Credentials> basicCredentials = basicCredentials();
    if (basic != null && basicCredentials.isPresent()) {
      boolean alreadySent = basicCredentials.get().basicAuthorization().equals(sentAuthorization);
      learned = basic;
      return !alreadySent;
    }
    return false;
  }

  private static @Nullable Challenge find(List<Challenge> challenges, String scheme) {
    return challenges.stream().filter(c -> c.scheme().equals(scheme)).findFirst().orElse(null);
  }

  private static String key(Collection<String> scopes) {
    return String.join(" ", new TreeSet<>(scopes));
  }
}
