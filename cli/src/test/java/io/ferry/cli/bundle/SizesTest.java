package io.ferry.cli.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SizesTest {

  @Test
  void bytesInTheLargestUnitBelow1024WithOneDecimal() {
    assertThat(Sizes.bytes(0)).isEqualTo("0 B");
    assertThat(Sizes.bytes(1023)).isEqualTo("1023 B");
    assertThat(Sizes.bytes(1024)).isEqualTo("1.0 KiB");
    assertThat(Sizes.bytes(1536)).isEqualTo("1.5 KiB");
    assertThat(Sizes.bytes(855_743_283L)).isEqualTo("816.1 MiB");
    assertThat(Sizes.bytes(2L << 30)).isEqualTo("2.0 GiB");
    assertThat(Sizes.bytes(5L << 40)).isEqualTo("5.0 TiB");
    assertThat(Sizes.bytes(3L << 50)).isEqualTo("3072.0 TiB");
  }

  @Test
  void oneDecimalPrintsWhatPercentPoint1fPrintsForSizesAndSeconds() {
    Random random = new Random(7);
    for (int i = 0; i < 10_000; i++) {
      double value = random.nextDouble() * Math.pow(10, random.nextInt(7));
      double tenths = value * 10;
      if (Math.abs(tenths - Math.floor(tenths) - 0.5) < 1e-6) {
        continue; // a tie, where a double's binary value decides either way
      }
      assertThat(Sizes.oneDecimal(value))
          .as("%s", value)
          .isEqualTo(String.format(Locale.ROOT, "%.1f", value));
    }
  }

  @Test
  void durationsInMinutesAndSecondsOrHoursAndMinutes() {
    assertThat(Sizes.duration(Duration.ofSeconds(65))).isEqualTo("1m05s");
    assertThat(Sizes.duration(Duration.ofSeconds(3 * 3600 + 125))).isEqualTo("3h02m");
    assertThat(Sizes.duration(Duration.ofSeconds(-3))).isEqualTo("0m00s");
  }
}
