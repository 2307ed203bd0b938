package io.ferry.platform;

import java.util.List;

/**
 * The one unchecked exception of the platform module: says what was tried and why it failed.
 *
 * <p>When the cause is bad input, {@link #problems()} lists every problem found, each with its
 * file, line and YAML path, so a caller can show them all at once.
 */
public class PlatformException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient List<Problem> problems;

  public PlatformException(String message) {
    this(message, List.of(), null);
  }

  public PlatformException(String message, Throwable cause) {
    this(message, List.of(), cause);
  }

  public PlatformException(String message, List<Problem> problems) {
    this(message, problems, null);
  }

  private PlatformException(String message, List<Problem> problems, Throwable cause) {
    super(withProblems(message, problems), cause);
    this.problems = List.copyOf(problems);
  }

  /** Every problem found in the input, in file and line order; empty when not an input problem. */
  public List<Problem> problems() {
    return problems;
  }

  private static String withProblems(String message, List<Problem> problems) {
    StringBuilder text = new StringBuilder(message);
    for (Problem problem : problems) {
      text.append(System.lineSeparator()).append("  ").append(problem);
    }
    return text.toString();
  }
}
