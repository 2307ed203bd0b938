package io.ferry.server.token;

import io.ferry.server.audit.AuditResult;
import io.ferry.server.audit.AuditService;
import io.ferry.server.web.BadRequestException;
import io.ferry.server.web.ConflictException;
import io.ferry.server.web.NotFoundException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Personal API tokens: named, expiring, shown once, stored as a SHA-256 hash, revocable.
 *
 * <p>A plain SHA-256 is enough here (unlike passwords): the secret has 256 random bits, so there is
 * nothing to guess, and the lookup must be fast on every API request.
 */
@Service
public class TokenService {

  /** Every secret starts with this, so that leaked tokens are easy to recognise and scan for. */
  public static final String SECRET_PREFIX = "fry_";

  /** The longest lifetime a token may have. */
  public static final Duration MAX_LIFETIME = Duration.ofDays(366);

  private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N} ._-]{1,64}");
  private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
  private final SecureRandom random = new SecureRandom();
  private final TokenRepository tokens;
  private final AuditService audit;
  private final Clock clock = Clock.systemUTC();

  TokenService(TokenRepository tokens, AuditService audit) {
    this.tokens = tokens;
    this.audit = audit;
  }

  /** Creates a token for {@code owner} that expires after {@code lifetime}. */
  @Transactional
  public CreatedToken create(String owner, String name, Duration lifetime) {
    String target = "token:" + owner + "/" + name;
    if (!NAME.matcher(name).matches()) {
      audit.record("token.create", target, AuditResult.FAILURE, "bad name");
      throw new BadRequestException(
          "name",
          "name was '" + name + "' but it must be 1–64 letters, digits, spaces, '.', '-' or '_'");
    }
    if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(MAX_LIFETIME) > 0) {
      audit.record("token.create", target, AuditResult.FAILURE, "bad lifetime " + lifetime);
      throw new BadRequestException(
          "expiresInDays", "the lifetime must be between 1 and " + MAX_LIFETIME.toDays() + " days");
    }
    if (tokens.nameTaken(owner, name)) {
      audit.record("token.create", target, AuditResult.FAILURE, "name taken");
      throw new ConflictException("a token named '" + name + "' exists already");
    }
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String secret = SECRET_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Instant now = clock.instant();
    long id =
        tokens.insert(owner, name, hash(secret), secret.substring(0, 10), now, now.plus(lifetime));
    audit.record("token.create", target, AuditResult.SUCCESS, "expires " + now.plus(lifetime));
    return new CreatedToken(tokens.find(id).orElseThrow(), secret);
  }

  /** The tokens of one user, newest first. */
  @Transactional(readOnly = true)
  public List<ApiToken> listFor(String owner) {
    return tokens.listFor(owner);
  }

  /** Every user's tokens, newest first (for admins). */
  @Transactional(readOnly = true)
  public List<ApiToken> listAll() {
    return tokens.listAll();
  }

  /** A token by number. */
  @Transactional(readOnly = true)
  public ApiToken get(long id) {
    return tokens.find(id).orElseThrow(() -> new NotFoundException("token " + id));
  }

  /** Revokes a token at once; revoking twice changes nothing. */
  @Transactional
  public void revoke(long id) {
    ApiToken token = get(id);
    tokens.revoke(id, clock.instant());
    audit.record(
        "token.revoke", "token:" + token.owner() + "/" + token.name(), AuditResult.SUCCESS, null);
  }

  /** The active token with this secret, if any; remembers when it was last used. */
  @Transactional
  public Optional<ApiToken> authenticate(@Nullable String secret) {
    if (secret == null || !secret.startsWith(SECRET_PREFIX)) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    Optional<ApiToken> token = tokens.findByHash(hash(secret)).filter(t -> t.activeAt(now));
    token
        .filter(t -> t.lastUsedAt() == null || t.lastUsedAt().plus(TOUCH_EVERY).isBefore(now))
        .ifPresent(t -> tokens.touch(t.id(), now));
    return token;
  }

  static String hash(String secret) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha256.digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
    }
  }
}
