package io.ferry.cli.platform;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads {@code 90s}, {@code 10m}, {@code 1h}, {@code 500ms} (as kubectl does) or ISO {@code PT10M}.
 */
final class DurationConverter implements ITypeConverter<Duration> {

  private static final Pattern SHORT = Pattern.compile("(\\d+)(ms|s|m|h)");

  @Override
  public Duration convert(String value) {
    Matcher m = SHORT.matcher(value);
    Duration duration;
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      duration =
          switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
          };
    } else {
      try {
        duration = Duration.parse(value);
      } catch (DateTimeParseException e) {
        throw new TypeConversionException(
            "'" + value + "' is not a duration; write e.g. 90s, 10m or 1h");
      }
    }
    if (duration.isZero() || duration.isNegative()) {
      throw new TypeConversionException("'" + value + "' must be longer than zero");
    }
    return duration;
  }
}
