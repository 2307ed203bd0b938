package io.ferry.platform.rollout;

import io.ferry.platform.PlatformException;
import io.ferry.platform.cluster.ObjectKey;

/** A workload's rollout failed or timed out; names the workload. */
public final class RolloutException extends PlatformException {

  private static final long serialVersionUID = 1L;

  private final transient ObjectKey workload;

  public RolloutException(ObjectKey workload, String message) {
    super(message);
    this.workload = workload;
  }

  public ObjectKey workload() {
    return workload;
  }
}
