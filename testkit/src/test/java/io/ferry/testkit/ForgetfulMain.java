package io.ferry.testkit;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Starts a service process, prints its pid and exits without stopping it, as a crashed test. */
public final class ForgetfulMain {

  private ForgetfulMain() {}

  public static void main(String[] args) {
    Path directory = ServiceDirectory.create("forgetful");
    ServiceProcess process =
        ServiceProcess.start(
            "sleeper", List.of("/bin/sh", "-c", "/bin/sleep 300 & wait"), directory, Map.of());
    System.out.println(process.pid());
    System.out.println(directory);
    System.out.flush();
    System.exit(0);
  }
}
