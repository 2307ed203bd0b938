package io.ferry.platform.apply;

import io.ferry.platform.cluster.ObjectKey;
import io.ferry.platform.diff.ObjectDiff;
import io.ferry.platform.rollout.RolloutListener;
import io.ferry.platform.rollout.RolloutState;

/**
 * Hears an apply as it goes, so a CLI or console can show progress. All methods do nothing by
 * default.
 */
public interface ApplyListener extends RolloutListener {

  /** A step begins: {@code platform} (namespace, quota, config, externals) or a service's name. */
  default void stepStarted(String step) {}

  /** An object was applied; {@code what} is e.g. {@code created}, {@code configured}. */
  default void applied(ObjectKey object, String what) {}

  /** {@code --dry-run}: what applying the object would do, with the changed paths. */
  default void wouldApply(ObjectDiff diff) {}

  /**
   * {@code --atomic} put an object back; {@code what} is e.g. {@code restored}, {@code deleted}.
   */
  default void rolledBack(ObjectKey object, String what) {}

  /** An object no longer rendered was deleted, or under dry run would be. */
  default void pruned(ObjectKey object, boolean dryRun) {}

  @Override
  default void rolloutProgress(ObjectKey workload, RolloutState state) {}

  /** A listener that ignores everything. */
  static ApplyListener silent() {
    return new ApplyListener() {};
  }
}
