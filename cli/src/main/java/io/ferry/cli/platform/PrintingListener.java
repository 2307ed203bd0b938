package io.ferry.cli.platform;

import io.ferry.platform.apply.ApplyListener;
import io.ferry.platform.cluster.ObjectKey;
import io.ferry.platform.diff.ObjectDiff;
import io.ferry.platform.rollout.RolloutState;
import java.io.PrintWriter;

/** Prints an apply's progress, one line per event, as it happens. */
final class PrintingListener implements ApplyListener {

  private final PrintWriter out;

  PrintingListener(PrintWriter out) {
    this.out = out;
  }

  @Override
  public void stepStarted(String step) {
    out.println("== " + step);
    out.flush();
  }

  @Override
  public void applied(ObjectKey object, String what) {
    out.println("   " + what + " " + object);
    out.flush();
  }

  @Override
  public void wouldApply(ObjectDiff diff) {
    out.println("   would be " + diff);
    out.flush();
  }

  @Override
  public void rolledBack(ObjectKey object, String what) {
    out.println("   rollback: " + object + " " + what);
    out.flush();
  }

  @Override
  public void pruned(ObjectKey object, boolean dryRun) {
    out.println("   " + (dryRun ? "would prune " : "pruned ") + object);
    out.flush();
  }

  @Override
  public void rolloutProgress(ObjectKey workload, RolloutState state) {
    String prefix = state.phase() == RolloutState.Phase.DONE ? "rolled out " : "waiting for ";
    out.println("   " + prefix + workload + ": " + state.message());
    out.flush();
  }
}
