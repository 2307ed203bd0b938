package io.ferry.server.web;

/** The thing a request names does not exist; answered as a 404 problem. */
public class NotFoundException extends RuntimeException {

  /** Names what was looked for, e.g. {@code user 'alice'}. */
  public NotFoundException(String what) {
    super(what + " does not exist");
  }
}
