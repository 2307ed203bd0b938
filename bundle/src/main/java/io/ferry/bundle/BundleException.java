package io.ferry.bundle;

/** Something about a bundle failed; the message says what was tried and why it failed. */
public class BundleException extends RuntimeException {

  public BundleException(String message) {
    super(message);
  }

  public BundleException(String message, Throwable cause) {
    super(message, cause);
  }
}
