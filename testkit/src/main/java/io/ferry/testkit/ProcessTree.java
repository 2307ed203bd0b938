package io.ferry.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

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
      if (isRunning(handle)) {
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
        .filter(ProcessTree::isRunning)
        .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
        .toList();
  }

  /**
   * Returns true when the process still runs; a zombie (exited, not yet reaped by its parent, e.g.
   * a daemon re-parented to an init that reaps late) does not run.
   */
  public static boolean isRunning(ProcessHandle handle) {
    if (!handle.isAlive()) {
      return false;
    }
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(handle.pid()), "stat"));
      // The state letter follows the command name, which is in parentheses and may hold spaces.
      String afterName = stat.substring(stat.lastIndexOf(')') + 1).trim();
      return !afterName.startsWith("Z") && !afterName.startsWith("X");
    } catch (IOException | RuntimeException e) {
      return handle.isAlive();
    }
  }

  private static void awaitExit(List<ProcessHandle> handles, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (handles.stream().anyMatch(ProcessTree::isRunning)) {
      if (System.nanoTime() > deadline) {
        return;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
