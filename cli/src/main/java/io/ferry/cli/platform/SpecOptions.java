package io.ferry.cli.platform;

import io.ferry.platform.spec.PlatformSpec;
import io.ferry.platform.spec.PlatformSpecLoader;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options every platform command takes: the spec and the site values. */
public final class SpecOptions {

  @Option(
      names = {"-f", "--file"},
      paramLabel = "FILE",
      required = true,
      description = "The platform spec (ferry.yaml).")
  Path file;

  @Option(
      names = "--values",
      paramLabel = "FILE",
      description = "Site values: keys of spec merged over it (maps merge, lists replace).")
  Path values;

  PlatformSpec load() {
    return PlatformSpecLoader.load(file, Optional.ofNullable(values));
  }

  /** The site values file's text, recorded with each revision; empty without one. */
  String valuesText() {
    if (values == null) {
      return "";
    }
    try {
      return java.nio.file.Files.readString(values);
    } catch (java.io.IOException e) {
      throw new io.ferry.platform.PlatformException(
          "Tried to read the site values " + values + " but failed because: " + e.getMessage(), e);
    }
  }

  /** How the inputs are named in messages: {@code ferry.yaml with site.yaml}. */
  String describe() {
    return file + (values == null ? "" : " with " + values);
  }
}
