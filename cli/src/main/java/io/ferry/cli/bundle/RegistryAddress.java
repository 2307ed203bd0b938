package io.ferry.cli.bundle;

import io.ferry.oci.ImageRef;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The value of {@code --registry}: {@code HOST[:PORT]}, checked by the rule image references follow
 * ({@link ImageRef#registryProblem}) as the command line is read, so a wrong one is a usage error
 * (exit 2) before the bundle is opened.
 */
final class RegistryAddress implements ITypeConverter<String> {

  @Override
  public String convert(String value) {
    String problem = ImageRef.registryProblem(value);
    if (problem != null) {
      throw new TypeConversionException("'" + value + "' is no registry address: " + problem);
    }
    return value;
  }
}
