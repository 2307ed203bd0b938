package io.ferry.server.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * The number of all audit events, for the unfiltered list's total.
 *
 * <p>Counting every row on every page is what made the unfiltered audit list slow on PostgreSQL (a
 * full scan of the table per request), so the total is counted once, kept up to date by this
 * console's own inserts, and recounted every {@link #RECOUNT_AFTER} to pick up other writers.
 * Filtered totals are always counted exactly.
 */
final class AuditTotal {

  static final Duration RECOUNT_AFTER = Duration.ofSeconds(30);
  private final LongSupplier counter;
  private final Clock clock;
  private long value;
  private Instant countedAt = Instant.EPOCH;
  private boolean known;

  AuditTotal(LongSupplier counter, Clock clock) {
    this.counter = counter;
    this.clock = clock;
  }

  synchronized long get() {
    Instant now = clock.instant();
    if (!known || !now.isBefore(countedAt.plus(RECOUNT_AFTER))) {
      value = counter.getAsLong();
      countedAt = now;
      known = true;
    }
    return value;
  }

  synchronized void added() {
    if (known) {
      value++;
    }
  }
}
