package io.ferry.oci;

/** Content read from a registry or a layout did not match the size or digest it was named by. */
public final class DigestMismatchException extends OciException {

  private final Digest expected;

  public DigestMismatchException(Digest expected, String message) {
    super(message);
    this.expected = expected;
  }

  /**
   * Whether {@code failure} happened because content did not match its digest, somewhere down its
   * causes (an HTTP client wraps what a request body's stream threw): trying again won't help.
   */
  public static boolean isCauseOf(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof DigestMismatchException) {
        return true;
      }
    }
    return false;
  }

  /** The digest the content was asked for by. */
  public Digest expected() {
    return expected;
  }
}
