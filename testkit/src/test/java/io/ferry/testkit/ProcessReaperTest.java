package io.ferry.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ProcessReaperTest {

  @Test
  void shutdownHookKillsServiceProcessesAJvmLeftRunning() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process jvm =
        new ProcessBuilder(
                java, "-cp", System.getProperty("java.class.path"), ForgetfulMain.class.getName())
            .redirectErrorStream(true)
            .start();
    long servicePid;
    Path directory;
    List<ProcessHandle> serviceTree;
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8))) {
      servicePid = Long.parseLong(out.readLine().trim());
      directory = Path.of(out.readLine().trim());
      serviceTree =
          ProcessHandle.of(servicePid).stream()
              .flatMap(p -> Stream.concat(Stream.of(p), p.descendants()))
              .toList();
      out.transferTo(Writer.nullWriter());
    }

    assertThat(jvm.waitFor(30, TimeUnit.SECONDS)).as("child JVM exited").isTrue();
    List<ProcessHandle> running =
        Poll.until(
            "the service tree to be gone",
            Duration.ofSeconds(10),
            100,
            Duration.ofMillis(100),
            () -> serviceTree.stream().filter(ProcessTree::isRunning).toList(),
            List::isEmpty);
    ServiceDirectory.delete(directory);
    assertThat(serviceTree).isNotEmpty();
    assertThat(running).isEmpty();
  }
}
