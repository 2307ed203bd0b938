package io.ferry.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** Kills a process with all its descendants, and any process whose command line names a marker. */
public final class ProcessTree {

  private ProcessTree() {}

  /**
   * Asks {@code root} to terminate, waits up to {@code grace}, then kills what is left of its tree
   * and every process whose command line contains {@code marker} (catches re-parented daemons).
   */
  public static void kill(ProcessHandle root, Duration grace, String marker) {
    Set<ProcessHandle> tree = new LinkedHashSet<>();
    tree.add(root);
    root.descendants().forEach(tree::add);
    root.destroy();
    awaitExit(List.of(root), grace);
    tree.addAll(processesNaming(marker));
    List<ProcessHandle> alive = new ArrayList<>();
    for (ProcessHandle handle : tree) {
      if (handle.isAlive()) {
        handle.destroy();
        alive.add(handle);
      }
    }
    awaitExit(alive, Duration.ofSeconds(2));
    for (ProcessHandle handle : alive) {
      handle.destroyForcibly();
    }
    awaitExit(alive, Duration.ofSeconds(5));
  }

  /**
   * Returns the live processes, other than this JVM, whose command line contains {@code marker}.
   */
  public static List<ProcessHandle> processesNaming(String marker) {
    long self = ProcessHandle.current().pid();
    return ProcessHandle.allProcesses()
        .filter(p -> p.pid() != self)
        .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
        .toList();
  }

  private static void awaitExit(List<ProcessHandle> handles, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (ProcessHandle handle : handles) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return;
      }
      try {
        handle.onExit().get(left, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception e) {
        // Still alive after the timeout: the caller escalates.
      }
    }
  }
}
