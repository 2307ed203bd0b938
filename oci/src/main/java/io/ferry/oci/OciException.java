package io.ferry.oci;

/**
 * The root of every error the {@code oci} module throws; unchecked, its message says what failed.
 */
public class OciException extends RuntimeException {

  public OciException(String message) {
    super(message);
  }

  public OciException(String message, Throwable cause) {
    super(message, cause);
  }
}
