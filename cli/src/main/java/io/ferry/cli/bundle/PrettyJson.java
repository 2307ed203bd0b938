package io.ferry.cli.bundle;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The indented JSON that {@code inspect --json} and {@code push --report} write. A class of its own
 * so that Jackson is set up only when one of them writes: picocli creates every command when the
 * command line is read, and a mapper in a command's static field cost each start ~90 ms.
 */
final class PrettyJson {

  static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private PrettyJson() {}
}
