package io.ferry.platform.apply;

import java.time.Duration;

/**
 * How to apply.
 *
 * @param atomic on a failure, put back what this apply changed, in reverse order
 * @param prune delete Ferry's objects of this platform that are no longer rendered
 * @param timeout how long each workload may take to roll out
 * @param forceConflicts take over fields other field managers own
 * @param dryRun validate on the server ({@code dryRun=All}) and report, change nothing
 */
public record ApplyOptions(
    boolean atomic, boolean prune, Duration timeout, boolean forceConflicts, boolean dryRun) {

  /** Ten minutes per workload, as {@code kubectl rollout status} users tend to choose. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

  public ApplyOptions {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout was " + timeout + " but it must be positive");
    }
  }

  public static ApplyOptions defaults() {
    return new ApplyOptions(false, false, DEFAULT_TIMEOUT, false, false);
  }
}
