package io.ferry.cli.bundle;

import io.ferry.bundle.CreateRequest;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The value of {@code --parallel}: a whole number from 1 to 64, checked as the command line is
 * read, so a wrong one is a usage error (exit 2, with the message and where the help is) like any
 * other.
 */
final class ParallelCount implements ITypeConverter<Integer> {

  static final int MAX = CreateRequest.MAX_PARALLEL;

  @Override
  public Integer convert(String value) {
    int count;
    try {
      count = Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new TypeConversionException("'" + value + "' is not a whole number from 1 to " + MAX);
    }
    if (count < 1 || count > MAX) {
      throw new TypeConversionException(value + " is not from 1 to " + MAX);
    }
    return count;
  }
}
