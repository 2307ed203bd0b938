package io.ferry.server.token;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A personal API token as listed; the secret itself is shown only once, at creation.
 *
 * @param id the token's number
 * @param owner the user it acts as
 * @param name the owner's name for it
 * @param prefix the first characters of the secret, to recognise it
 * @param createdAt when it was created
 * @param expiresAt when it stops working, or null for never
 * @param lastUsedAt when it was last used, or null
 * @param revokedAt when it was revoked, or null
 */
public record ApiToken(
    long id,
    String owner,
    String name,
    String prefix,
    Instant createdAt,
    @Nullable Instant expiresAt,
    @Nullable Instant lastUsedAt,
    @Nullable Instant revokedAt) {

  /** Whether the token can authenticate at the given time. */
  public boolean activeAt(Instant now) {
    return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
  }

  /** {@code active}, {@code expired} or {@code revoked}. */
  public String state(Instant now) {
    if (revokedAt != null) {
      return "revoked";
    }
    return activeAt(now) ? "active" : "expired";
  }
}
