package io.ferry.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** JVM shutdown hook that stops every service process a test forgot or could not stop. */
final class ProcessReaper {

  private static final Set<ServiceProcess> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(ProcessReaper::reapAll, "ferry-testkit-reaper"));
  }

  private ProcessReaper() {}

  static void register(ServiceProcess process) {
    LIVE.add(process);
  }

  static void unregister(ServiceProcess process) {
    LIVE.remove(process);
  }

  private static void reapAll() {
    List<ServiceProcess> left = new ArrayList<>(LIVE);
    for (ServiceProcess process : left) {
      process.stop(Duration.ofSeconds(2));
    }
  }
}
