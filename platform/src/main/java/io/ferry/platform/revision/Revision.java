package io.ferry.platform.revision;

import java.time.Instant;

/**
 * One recorded apply of a platform.
 *
 * @param number 1, 2, … per platform and namespace
 * @param platform the spec's {@code metadata.name}
 * @param version the spec's {@code metadata.version}
 * @param appliedAt when the apply finished
 * @param status how it ended
 * @param objectsYaml the rendered objects as multi-document YAML, in apply order
 * @param values the site values file's text, empty when none was given
 * @param note what made this revision, e.g. {@code apply} or {@code rollback to 3}
 */
public record Revision(
    int number,
    String platform,
    String version,
    Instant appliedAt,
    Status status,
    String objectsYaml,
    String values,
    String note) {

  /** How the apply that made a revision ended. */
  public enum Status {
    /** Every object applied and every workload rolled out. */
    DEPLOYED("deployed"),
    /** It failed part way; what it changed stays. */
    FAILED("failed"),
    /** It failed and {@code --atomic} put back what it had changed. */
    ROLLED_BACK("rolled-back");

    private final String label;

    Status(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    static Status parse(String label) {
      for (Status status : values()) {
        if (status.label.equals(label)) {
          return status;
        }
      }
      return FAILED;
    }
  }
}
