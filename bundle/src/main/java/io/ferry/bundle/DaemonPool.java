package io.ferry.bundle;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Pools of daemon threads named for their work ({@code ferry-push-3}): a transfer that hangs never
 * keeps the JVM from exiting, and a thread dump says what each thread is for.
 */
final class DaemonPool {

  private DaemonPool() {}

  static ExecutorService fixed(int threads, String name) {
    return Executors.newFixedThreadPool(threads, named(name));
  }

  /** A thread for each task at a time, kept a minute after its task: one per open connection. */
  static ExecutorService cached(String name) {
    return Executors.newCachedThreadPool(named(name));
  }

  private static ThreadFactory named(String name) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
