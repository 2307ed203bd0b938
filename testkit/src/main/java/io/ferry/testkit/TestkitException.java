package io.ferry.testkit;

/** The one unchecked exception of the testkit: a real service could not be started or used. */
public class TestkitException extends RuntimeException {

  /** Creates an exception whose message says what was tried and why it failed. */
  public TestkitException(String message) {
    super(message);
  }

  /** Creates an exception whose message says what was tried and why it failed, with its cause. */
  public TestkitException(String message, Throwable cause) {
    super(message, cause);
  }
}
