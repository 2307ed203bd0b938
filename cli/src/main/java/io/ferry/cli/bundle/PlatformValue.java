package io.ferry.cli.bundle;

import io.ferry.oci.Platform;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * One value of {@code --platform}, {@code OS/ARCH[/VARIANT]}, checked as the command line is read:
 * a wrong one is a usage error (exit 2) before any registry is asked.
 */
final class PlatformValue implements ITypeConverter<String> {

  @Override
  public String convert(String value) {
    try {
      Platform.parse(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
    return value;
  }
}
