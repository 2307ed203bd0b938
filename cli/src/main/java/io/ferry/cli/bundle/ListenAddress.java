package io.ferry.cli.bundle;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** The value of {@code --listen}, checked as the command line is read (a usage error, exit 2). */
final class ListenAddress implements ITypeConverter<String> {

  @Override
  public String convert(String value) {
    try {
      ServeCommand.listenAddress(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
    return value;
  }
}
