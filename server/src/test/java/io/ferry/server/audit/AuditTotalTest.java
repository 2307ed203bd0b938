package io.ferry.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AuditTotalTest {

  private final AtomicLong rows = new AtomicLong(100);
  private final AtomicLong counts = new AtomicLong();
  private Instant now = Instant.parse("2026-11-26T08:00:00Z");

  private final AuditTotal total =
      new AuditTotal(
          () -> {
            counts.incrementAndGet();
            return rows.get();
          },
          new Clock() {
            @Override
            public ZoneOffset getZone() {
              return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
              return this;
            }

            @Override
            public Instant instant() {
              return now;
            }
          });

  @Test
  void countsOnceThenFollowsOwnInserts() {
    assertThat(total.get()).isEqualTo(100);
    rows.incrementAndGet();
    total.added();
    assertThat(total.get()).isEqualTo(101);
    assertThat(counts.get()).isEqualTo(1);
  }

  @Test
  void recountsToPickUpOtherWriters() {
    assertThat(total.get()).isEqualTo(100);
    rows.addAndGet(5);
    now = now.plus(AuditTotal.RECOUNT_AFTER);
    assertThat(total.get()).isEqualTo(105);
    assertThat(counts.get()).isEqualTo(2);
  }

  @Test
  void insertsBeforeTheFirstCountAreNotCountedTwice() {
    total.added();
    assertThat(total.get()).isEqualTo(100);
  }
}
