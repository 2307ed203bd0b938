package io.ferry.testkit;

/** Answers whether a started service is ready to serve; an exception means "not yet". */
@FunctionalInterface
public interface ReadinessCheck {

  /** Returns true when the service is ready. */
  boolean isReady() throws Exception;
}
