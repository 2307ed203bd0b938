package io.ferry.oci.registry;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * How often and how patiently a registry call is retried after {@code 429}, a {@code 5xx} or an I/O
 * error: exponential backoff with full jitter, bounded attempts, and the registry's {@code
 * Retry-After} honoured up to {@code maxRetryAfter}.
 *
 * @param maxAttempts attempts in all, at least 1 (1 means no retry)
 */
public record RetryPolicy(
    int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {

  /** Five attempts, 200 ms doubling to 10 s, Retry-After up to 2 minutes. */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(5, Duration.ofMillis(200), Duration.ofSeconds(10), Duration.ofMinutes(2));

  /** A single attempt. */
  public static final RetryPolicy NONE =
      new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException(
          "Retry maxAttempts was " + maxAttempts + " but it must be at least 1");
    }
    if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException(
          "Retry backoff was "
              + initialBackoff
              + " to "
              + maxBackoff
              + " but it must be non-negative and the maximum no less than the initial");
    }
    if (maxRetryAfter.isNegative()) {
      throw new IllegalArgumentException(
          "Retry maxRetryAfter was " + maxRetryAfter + " but it must not be negative");
    }
  }

  /**
   * How long to wait before attempt {@code attempt + 1} after attempt {@code attempt} (1-based)
   * failed; the registry's {@code Retry-After} wins when it asks for longer.
   */
  public Duration backoff(int attempt, @Nullable Duration retryAfter) {
    long ceiling = initialBackoff.toMillis() << Math.min(attempt - 1, 20);
    ceiling = Math.min(Math.max(ceiling, 0), maxBackoff.toMillis());
    // Full jitter spreads parallel uploads that failed together so they do not retry together.
    Duration jittered =
        Duration.ofMillis(
            ceiling <= 0 ? 0 : ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
    if (retryAfter != null) {
      Duration capped = retryAfter.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : retryAfter;
      return capped.compareTo(jittered) > 0 ? capped : jittered;
    }
    return jittered;
  }
}
