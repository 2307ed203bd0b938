package io.ferry.platform.apply;

import io.ferry.platform.cluster.ObjectKey;
import io.ferry.platform.diff.ObjectDiff;
import io.ferry.platform.rollout.RolloutState;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps what an apply reported, one line per event, as the CLI would print it. */
final class RecordingListener implements ApplyListener {

  final List<String> lines = new CopyOnWriteArrayList<>();

  @Override
  public void stepStarted(String step) {
    lines.add("step " + step);
  }

  @Override
  public void applied(ObjectKey object, String what) {
    lines.add(what + " " + object);
  }

  @Override
  public void wouldApply(ObjectDiff diff) {
    lines.add("would be " + diff);
  }

  @Override
  public void rolledBack(ObjectKey object, String what) {
    lines.add("rollback " + object + " " + what);
  }

  @Override
  public void pruned(ObjectKey object, boolean dryRun) {
    lines.add((dryRun ? "would prune " : "pruned ") + object);
  }

  @Override
  public void rolloutProgress(ObjectKey workload, RolloutState state) {
    lines.add("rollout " + workload + " " + state.phase() + " " + state.message());
  }
}
