package io.ferry.cli.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The launcher's training of the bundle commands must keep working, or their class-data archive
 * silently loses them: every command runs against the in-memory registry and succeeds.
 */
class BundleTrainingTest {

  @Test
  void createsInspectsVerifiesAndPushesABundleAgainstItsOwnRegistry() {
    ByteArrayOutputStream log = new ByteArrayOutputStream();

    int code = BundleTraining.run(new PrintStream(log, true, StandardCharsets.UTF_8));

    String text = log.toString(StandardCharsets.UTF_8);
    assertThat(code).as(text).isZero();
    assertThat(text)
        .contains("ferry bundle create")
        .contains("ferry bundle inspect")
        .contains("ferry bundle verify")
        .contains("ferry bundle push")
        .doesNotContain("-> exit 1");
    assertThat(text.lines().filter(line -> line.endsWith("-> exit 0")).count()).isEqualTo(4);
  }
}
