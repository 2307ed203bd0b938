package io.ferry.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ServiceProcessTest {

  private Path directory;

  @BeforeEach
  void createDirectory() {
    directory = ServiceDirectory.create("process-test");
  }

  @AfterEach
  void deleteDirectory() {
    ServiceDirectory.delete(directory);
  }

  @Test
  void serviceThatExitsEarlyFailsWithCommandLineReasonAndLogTail() {
    ServiceProcess process =
        ServiceProcess.start(
            "broken",
            List.of("/bin/sh", "-c", "echo 'listen tcp: address already in use'; exit 3"),
            directory,
            Map.of());

    assertThatThrownBy(() -> process.awaitReady("never", Duration.ofSeconds(10), () -> false))
        .isInstanceOf(TestkitException.class)
        .hasMessageContaining("Tried to start broken with `/bin/sh -c")
        .hasMessageContaining("exited with code 3")
        .hasMessageContaining("listen tcp: address already in use");
  }

  @Test
  void serviceThatIsNotReadyInTimeIsKilledAndReported() {
    ServiceProcess process =
        ServiceProcess.start("slow", List.of("/bin/sleep", "60"), directory, Map.of());

    assertThatThrownBy(
            () ->
                process.awaitReady(
                    "GET /ready",
                    Duration.ofMillis(300),
                    () -> {
                      throw new IllegalStateException("connection refused");
                    }))
        .isInstanceOf(TestkitException.class)
        .hasMessageContaining("not ready within PT0.3S")
        .hasMessageContaining("connection refused");
    assertThat(process.isAlive()).isFalse();
  }

  @Test
  void stopKillsTheWholeProcessTree() {
    ServiceProcess process =
        ServiceProcess.start(
            "tree",
            List.of("/bin/sh", "-c", "/bin/sleep 60 & /bin/sleep 61 & wait"),
            directory,
            Map.of());
    List<ProcessHandle> children =
        Poll.until(
            "both sleeps to start",
            Duration.ofSeconds(5),
            50,
            Duration.ofMillis(100),
            () -> ProcessHandle.of(process.pid()).orElseThrow().descendants().toList(),
            list -> list.size() == 2);

    process.stop(Duration.ofSeconds(2));

    assertThat(process.isAlive()).isFalse();
    assertThat(children).noneMatch(ProcessTree::isRunning);
  }

  @Test
  void oneShotCommandFailureNamesTheExitCode() {
    assertThatThrownBy(
            () ->
                ServiceProcess.run(
                    "initdb",
                    List.of("/bin/sh", "-c", "echo 'cannot be run as root' >&2; exit 1"),
                    directory,
                    Map.of(),
                    Duration.ofSeconds(10)))
        .isInstanceOf(TestkitException.class)
        .hasMessageContaining("exited with code 1")
        .hasMessageContaining("cannot be run as root");
  }
}
