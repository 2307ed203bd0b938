package io.ferry.testkit;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/** Polls until a condition holds, bounded both in attempts and in time. */
public final class Poll {

  private Poll() {}

  /**
   * Calls {@code probe} every {@code interval} until {@code done} accepts its value and returns
   * that value; fails with the last value or error after {@code attempts} tries or {@code timeout}.
   */
  public static <T> T until(
      String what,
      Duration timeout,
      int attempts,
      Duration interval,
      Callable<T> probe,
      Predicate<? super T> done) {
    long deadline = System.nanoTime() + timeout.toNanos();
    @Nullable Object last = null;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      try {
        T value = probe.call();
        if (done.test(value)) {
          return value;
        }
        last = value;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TestkitException("Interrupted while waiting for " + what, e);
      } catch (Exception e) {
        last = e;
      }
      if (System.nanoTime() + interval.toNanos() > deadline) {
        break;
      }
      try {
        Thread.sleep(interval.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TestkitException("Interrupted while waiting for " + what, e);
      }
    }
    throw new TestkitException(
        "Waited for "
            + what
            + " for at most "
            + timeout
            + " and "
            + attempts
            + " attempts but it never happened; last seen: "
            + last);
  }
}
