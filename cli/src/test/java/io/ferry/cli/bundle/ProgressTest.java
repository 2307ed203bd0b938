package io.ferry.cli.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
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
}
