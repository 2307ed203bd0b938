package io.ferry.platform.rollout;

import io.ferry.platform.cluster.ObjectKey;

/** Hears how a rollout goes while it is waited for. */
public interface RolloutListener {

  /** The state changed (called once per distinct message, not per poll). */
  void rolloutProgress(ObjectKey workload, RolloutState state);
}
