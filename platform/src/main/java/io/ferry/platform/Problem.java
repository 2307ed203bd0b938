package io.ferry.platform;

/**
 * One problem in a platform spec or values file: where it is and what is wrong.
 *
 * @param location the file and line of the offending YAML node
 * @param path the YAML path, such as {@code spec.services.gatekeeper.replicas}
 * @param message what is wrong, such as {@code replicas was 'two' but it must be an integer}
 */
public record Problem(SourceLocation location, String path, String message)
    implements Comparable<Problem> {

  @Override
  public int compareTo(Problem other) {
    int byLocation = location.compareTo(other.location);
    return byLocation != 0 ? byLocation : (path + message).compareTo(other.path + other.message);
  }

  /** {@code file:line: path: message}, the form editors and CI logs link to. */
  @Override
  public String toString() {
    return location + ": " + (path.isEmpty() ? "" : path + ": ") + message;
  }
}
