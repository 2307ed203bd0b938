package io.ferry.bundle;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fixed pools of daemon threads named for their work ({@code ferry-push-3}): a transfer that hangs
 * never keeps the JVM from exiting, and a thread dump says what each thread is for.
 */
final class DaemonPool {

  private DaemonPool() {}

  static ExecutorService fixed(int threads, String name) {
    AtomicInteger count = new AtomicInteger();
    return Executors.newFixedThreadPool(
        threads,
        runnable -> {
          Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
  }
}
