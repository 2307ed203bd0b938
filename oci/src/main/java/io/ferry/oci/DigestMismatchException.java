package io.ferry.oci;

/** Content read from a registry or a layout did not match the size or digest it was named by. */
public final class DigestMismatchException extends OciException {

  private final Digest expected;

  public DigestMismatchException(Digest expected, String message) {
    super(message);
    this.expected = expected;
  }

  /** The digest the content was asked for by. */
  public Digest expected() {
    return expected;
  }
}
