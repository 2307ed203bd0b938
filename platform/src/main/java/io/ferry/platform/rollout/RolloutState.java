package io.ferry.platform.rollout;

/**
 * Where a workload's rollout stands.
 *
 * @param phase done, still progressing, or failed for good
 * @param message what kubectl rollout status would say, e.g. {@code 1 of 2 updated replicas are
 *     ready}
 */
public record RolloutState(Phase phase, String message) {

  /** Whether the rollout finished, still goes on, or cannot finish. */
  public enum Phase {
    DONE,
    PROGRESSING,
    FAILED
  }

  static RolloutState done(String message) {
    return new RolloutState(Phase.DONE, message);
  }

  static RolloutState progressing(String message) {
    return new RolloutState(Phase.PROGRESSING, message);
  }

  static RolloutState failed(String message) {
    return new RolloutState(Phase.FAILED, message);
  }
}
