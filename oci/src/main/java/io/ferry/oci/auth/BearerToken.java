package io.ferry.oci.auth;

import java.time.Duration;
import java.time.Instant;

/** A token from a registry's token server and when it stops being good. */
record BearerToken(String token, Instant expiresAt) {

  /** Whether the token is expired or will be within {@code margin} of {@code now}. */
  boolean expiredAt(Instant now, Duration margin) {
    return !now.plus(margin).isBefore(expiresAt);
  }
}
