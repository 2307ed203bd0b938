package io.ferry.cli.bundle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/** Human-readable bytes and durations for output. */
final class Sizes {

  private Sizes() {}

  static String bytes(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return oneDecimal(value) + " " + units[unit];
  }

  /** {@code count} and {@code noun}, plural unless one: "1 blob", "3 blobs", "0 images". */

  /** A file's size, as {@link #bytes} says it: a bundle's, less than its blobs' when compressed. */
  static String ofFile(Path file) {
    try {
      return bytes(Files.size(file));
    } catch (IOException e) {
      throw new UncheckedIOException("Tried to read the size of " + file, e);
    }
  }

  static String count(long count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }

  /**
   * {@code value} (not negative: a size or seconds) rounded to one decimal, as {@code %.1f} prints
   * it but without a {@code Formatter}: push prints two sizes per image as it ends, and in a fresh
   * JVM each format cost about a third of a millisecond.
   */
  static String oneDecimal(double value) {
    long tenths = Math.round(value * 10);
    return tenths / 10 + "." + tenths % 10;
  }

  static String duration(Duration duration) {
    long seconds = Math.max(0, duration.toSeconds());
    return seconds >= 3600
        ? String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds % 3600 / 60)
        : String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
  }
}
