package io.ferry.server.web;

/** A request that clashes with what exists (a taken name); answered as a 409 problem. */
public class ConflictException extends RuntimeException {

  /** Says what clashes. */
  public ConflictException(String message) {
    super(message);
  }
}
