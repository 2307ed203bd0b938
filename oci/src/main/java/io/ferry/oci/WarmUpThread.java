package io.ferry.oci;

import java.util.concurrent.atomic.AtomicBoolean;

/** Starts a warm-up once per JVM on a low-priority daemon thread; nothing waits for it. */
final class WarmUpThread {

  private WarmUpThread() {}

  /** Runs {@code work} on a new thread named {@code name} unless {@code started} is already set. */
  static void startOnce(AtomicBoolean started, String name, Runnable work) {
    if (!started.compareAndSet(false, true)) {
      return;
    }
    Thread thread = new Thread(work, name);
    thread.setDaemon(true);
    thread.setPriority(Thread.MIN_PRIORITY);
    thread.start();
  }
}
