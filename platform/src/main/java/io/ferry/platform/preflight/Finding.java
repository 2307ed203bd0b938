package io.ferry.platform.preflight;

/**
 * One preflight result.
 *
 * @param check what was checked, e.g. {@code cluster}, {@code quota}, {@code image}
 * @param subject on what, e.g. the image reference or the storage class
 * @param level passed, a problem, or not checked (and why, in the message)
 * @param message what was found
 */
public record Finding(String check, String subject, Level level, String message) {

  /** How a check came out. */
  public enum Level {
    OK("ok"),
    PROBLEM("PROBLEM"),
    NOT_CHECKED("not checked");

    private final String label;

    Level(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  static Finding ok(String check, String subject, String message) {
    return new Finding(check, subject, Level.OK, message);
  }

  static Finding problem(String check, String subject, String message) {
    return new Finding(check, subject, Level.PROBLEM, message);
  }

  /** {@code PROBLEM storage class fast: no such StorageClass …}. */
  @Override
  public String toString() {
    return String.format("%-11s %-9s %s: %s", level.label(), check, subject, message);
  }
}
