package io.ferry.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One real service's OS process: started with its output in a log file, checked, then killed. */
public final class ServiceProcess {

  private static final int LOG_TAIL_LINES = 40;

  private final String name;
  private final List<String> command;
  private final Path directory;
  private final Path logFile;
  private final Process process;

  private ServiceProcess(
      String name, List<String> command, Path directory, Path logFile, Process process) {
    this.name = name;
    this.command = command;
    this.directory = directory;
    this.logFile = logFile;
    this.process = process;
  }

  /**
   * Starts {@code command} in {@code directory}, with stdout and stderr appended to {@code
   * <directory>/<name>.log}; the process is killed at JVM exit if nobody stops it before.
   */
  public static ServiceProcess start(
      String name, List<String> command, Path directory, Map<String, String> environment) {
    Path logFile = directory.resolve(name + ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    builder.environment().putAll(environment);
    try {
      ServiceProcess started =
          new ServiceProcess(name, List.copyOf(command), directory, logFile, builder.start());
      ProcessReaper.register(started);
      return started;
    } catch (IOException e) {
      throw new TestkitException(
          "Tried to start " + name + " with `" + String.join(" ", command) + "` but failed", e);
    }
  }

  /**
   * Runs a one-shot {@code command} to completion, with its output in {@code
   * <directory>/<name>.log}; fails with the command line and log tail on a non-zero exit or
   * timeout.
   */
  public static void run(
      String name,
      List<String> command,
      Path directory,
      Map<String, String> environment,
      Duration timeout) {
    ServiceProcess process = start(name, command, directory, environment);
    if (!process.awaitExit(timeout)) {
      process.stop(Duration.ofSeconds(5));
      throw process.failure("it did not finish within " + timeout, "see the log below");
    }
    ProcessReaper.unregister(process);
    int exitCode = process.process.exitValue();
    if (exitCode != 0) {
      throw process.failure("it exited with code " + exitCode, "see the log below");
    }
  }

  /**
   * Polls {@code check} until it answers true; fails with the command line, the reason and the
   * log's tail when the process exits first or {@code timeout} passes, and then kills the process.
   */
  public ServiceProcess awaitReady(String readiness, Duration timeout, ReadinessCheck check) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Exception lastProblem = null;
    while (true) {
      if (!process.isAlive()) {
        throw failure(
            "it exited with code " + process.exitValue() + " before " + readiness,
            "check the configuration and the log below");
      }
      try {
        if (check.isReady()) {
          return this;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stop(Duration.ofSeconds(5));
        throw new TestkitException("Interrupted while waiting for " + name + " to be ready", e);
      } catch (Exception e) {
        lastProblem = e;
      }
      if (System.nanoTime() > deadline) {
        stop(Duration.ofSeconds(5));
        throw failure(
            "it was not ready within "
                + timeout
                + " ("
                + readiness
                + (lastProblem == null ? "" : "; last check failed with " + lastProblem)
                + ")",
            "the machine may be overloaded, or the service waits for something the log names");
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stop(Duration.ofSeconds(5));
        throw new TestkitException("Interrupted while waiting for " + name + " to be ready", e);
      }
    }
  }

  /** Builds the exception for a failed start: command line, reason, hint and the log's tail. */
  public TestkitException failure(String reason, String hint) {
    return new TestkitException(failureMessage(reason, hint));
  }

  /** Like {@link #failure(String, String)}, keeping the exception that revealed the failure. */
  public TestkitException failure(String reason, String hint, Throwable cause) {
    return new TestkitException(failureMessage(reason, hint), cause);
  }

  private String failureMessage(String reason, String hint) {
    return "Tried to start "
        + name
        + " with `"
        + String.join(" ", command)
        + "` but failed because: "
        + reason
        + " ("
        + hint
        + "). Last lines of "
        + logFile
        + ":\n"
        + logTail();
  }

  /** Returns the last lines the service wrote to its log. */
  public String logTail() {
    try {
      List<String> lines =
          new String(Files.readAllBytes(logFile), StandardCharsets.UTF_8).lines().toList();
      return String.join(
          "\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  /**
   * Terminates the process and its descendants, waiting up to {@code grace} before killing them,
   * and also kills processes that name this service's folder on their command line.
   */
  public void stop(Duration grace) {
    ProcessTree.kill(process.toHandle(), grace, directory.toString());
    ProcessReaper.unregister(this);
  }

  /** Waits up to {@code timeout} for the process to exit by itself; true when it did. */
  public boolean awaitExit(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Returns the OS process id. */
  public long pid() {
    return process.pid();
  }

  /** Returns true while the process runs. */
  public boolean isAlive() {
    return process.isAlive();
  }

  /** Returns the command line the process was started with. */
  public List<String> command() {
    return command;
  }

  /** Returns the log file that receives stdout and stderr. */
  public Path logFile() {
    return logFile;
  }
}
