package io.ferry.cli.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {

  @Test
  void aLogGetsALinePerTenthTheEndOnceAndNoUnknownRate() {
    StringWriter log = new StringWriter();
    Progress progress = new Progress(new PrintWriter(log), "pushing", false);
    progress.total(100);
    progress.add(50);
    progress.add(50);
    progress.finish();
    progress.finish();

    assertThat(log.toString().lines())
        .containsExactly(
            "pushing [###############               ]  50% 50 B/100 B",
            "pushing [##############################] 100% 100 B/100 B");
  }

  @Test
  void aTerminalBarEndsWithOneLineBreakHoweverOftenItIsFinished() {
    StringWriter terminal = new StringWriter();
    Progress progress = new Progress(new PrintWriter(terminal), "pulling", true);
    progress.total(10);
    progress.add(10);
    progress.finish();
    progress.finish();

    assertThat(terminal.toString())
        .endsWith("100% 10 B/10 B ?/s ETA ?   " + System.lineSeparator());
    assertThat(terminal.toString().chars().filter(c -> c == '\n').count()).isEqualTo(1);
  }

  @Test
  void noRateOrTimeLeftBeforeAMebibyteOrAHundredthHasMoved() {
    StringWriter terminal = new StringWriter();
    AtomicLong now = new AtomicLong();
    Progress progress = new Progress(new PrintWriter(terminal), "pushing", true, now::get);
    progress.total(816L * 1024 * 1024);
    now.set(600_000_000L);
    progress.add(96); // a config, while the first layers are still on their way
    assertThat(terminal.toString()).contains("96 B/816.0 MiB ?/s ETA ?").doesNotContain("B/s");
  }

  @Test
  void aTerminalBarShowsTheRateOfBytesMovedAndTheTimeLeftAndRedrawsFiveTimesASecondAtMost() {
    StringWriter terminal = new StringWriter();
    AtomicLong now = new AtomicLong();
    Progress progress = new Progress(new PrintWriter(terminal), "pushing", true, now::get);
    long mib = 1024 * 1024;
    progress.total(100 * mib);
    now.set(1_000_000_000L);
    progress.skip(20 * mib); // the registry has it: fills the bar, not the rate
    now.set(1_500_000_000L);
    progress.add(30 * mib);
    now.set(1_600_000_000L);
    progress.add(mib); // 0.1 s after the last draw: not drawn

    assertThat(terminal.toString()).doesNotContain("\n").doesNotContain("51%");
    String[] draws = terminal.toString().split("\r");
    assertThat(draws)
        .containsExactly(
            "",
            "pushing [######                        ]  20% 20.0 MiB/100.0 MiB ?/s ETA ?   ",
            "pushing [###############               ]  50% 50.0 MiB/100.0 MiB 20.0 MiB/s ETA 0m02s   ");

    now.set(2_000_000_000L);
    progress.add(49 * mib);
    progress.finish();
    assertThat(terminal.toString())
        .endsWith(
            "\rpushing [##############################] 100% 100.0 MiB/100.0 MiB 40.0 MiB/s ETA 0m00s   "
                + System.lineSeparator());
  }
}
