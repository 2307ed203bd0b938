package io.ferry.oci.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.ferry.oci.JsonTree;
import io.ferry.oci.OciException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Runs Docker credential helpers as Docker does: {@code docker-credential-<name> get}, the server
 * address on standard input, {@code {"Username":…,"Secret":…}} on standard output. The helper is
 * looked up in {@link #searchPath} (the {@code PATH} by default); one that does not answer within
 * {@link #timeout} is stopped.
 *
 * @param searchPath the folders searched for {@code docker-credential-<name>}, in order
 * @param timeout how long a helper may take to answer
 */
public record CredentialHelpers(List<Path> searchPath, Duration timeout, Consumer<String> notices) {

  /** How long a helper may take by default: some unlock a keyring first. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  /** Docker Hub's key in credential stores, as the Docker CLI asks for it. */
  private static final String DOCKER_HUB_SERVER = "https://index.docker.io/v1/";

  /** What a helper prints, exiting non-zero, for a registry it has nothing for. */
  private static final String NOT_FOUND = "credentials not found in native keychain";

  /** A helper's answer is a few hundred bytes; more is read no further. */
  private static final int MAX_OUTPUT = 64 * 1024;

  /** How long a helper may take before the user is told what Ferry is waiting for. */
  private static final Duration QUIET = Duration.ofSeconds(5);

  /** Helpers that tell nobody when they are slow. */
  public CredentialHelpers(List<Path> searchPath, Duration timeout) {
    this(searchPath, timeout, notice -> {});
  }

  /** These helpers, telling {@code notices} when one takes more than a few seconds. */
  public CredentialHelpers withNotices(Consumer<String> notices) {
    return new CredentialHelpers(searchPath, timeout, notices);
  }

  public CredentialHelpers {
    searchPath = List.copyOf(searchPath);
  }

  /**
   * Helpers found in the absolute folders of this process's {@code PATH}. Empty and relative
   * entries are skipped, as Go's {@code exec.LookPath} (the Docker CLI's) refuses them: a helper
   * must not be run from whatever folder Ferry was started in.
   */
  public static CredentialHelpers fromEnvironment() {
    String path = System.getenv("PATH");
    List<Path> folders = new ArrayList<>();
    if (path != null) {
      for (String entry : path.split(File.pathSeparator)) {
        try {
          Path folder = Path.of(entry);
          if (folder.isAbsolute()) {
            folders.add(folder);
          }
        } catch (InvalidPathException e) {
          // an entry no program could be found in
        }
      }
    }
    return new CredentialHelpers(folders, DEFAULT_TIMEOUT);
  }

  /** Whether {@code docker-credential-NAME} is in the search path. */
  public boolean installed(String name) {
    return validName(name) && find("docker-credential-" + name) != null;
  }

  /** Whether {@code name} can name a helper: a program name, not a path. */
  static boolean validName(String name) {
    return !name.isBlank() && !name.contains("/") && !name.contains(File.separator);
  }

  /**
   * The credentials helper {@code name} holds for {@code registry} ({@code host[:port]}, Docker Hub
   * as {@code docker.io}), or empty when it has none.
   *
   * @param configuredBy where the helper was named, for errors (e.g. "credsStore in FILE")
   * @throws OciException when the helper is not installed, fails, or does not answer in time
   */
  public Optional<Credentials> get(String name, String registry, String configuredBy) {
    String program = "docker-credential-" + name;
    String tried =
        "Tried to get the credentials for "
            + registry
            + " from the Docker credential helper "
            + program
            + " ("
            + configuredBy
            + ")";
    if (!validName(name)) {
      throw new OciException(tried + " but '" + name + "' is not a helper name");
    }
    Path executable = find(program);
    if (executable == null) {
      throw new OciException(
          tried
              + " but "
              + program
              + " is not installed: no executable of that name in "
              + searchPath.stream().map(Path::toString).toList()
              + " (the PATH). Install the helper, or give the credentials another way:"
              + " --username with --password-stdin, or --authfile with an 'auths' entry (a file"
              + " holding {} goes without any)");
    }
    Answer answer =
        run(
            executable,
            registry.equals("docker.io") ? DOCKER_HUB_SERVER : registry,
            "waiting for " + program + " (" + configuredBy + ") to answer for " + registry + "…");
    if (answer == null) {
      throw new OciException(
          tried
              + " but it did not answer within "
              + timeout.toSeconds()
              + " s and was stopped (is it waiting for a keyring to be unlocked?)");
    }
    if (answer.status() != 0) {
      // The exact answer Docker's helpers give, and that the Docker CLI checks for.
      if (answer.output().strip().equals(NOT_FOUND)) {
        return Optional.empty();
      }
      String said = answer.output().isBlank() ? answer.errors() : answer.output();
      throw new OciException(
          tried + " but it exited with status " + answer.status() + ": " + firstLine(said));
    }
    return credentialsIn(answer.output(), tried);
  }

  private static Optional<Credentials> credentialsIn(String output, String tried) {
    JsonNode json;
    try {
      json = JsonTree.read(output.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // Only where: the parser's message would quote the answer, a secret perhaps.
      throw new OciException(
          tried
              + " but its answer is not JSON ("
              + JsonTree.where(e)
              + "; expected {\"Username\":…,\"Secret\":…})");
    }
    String username = text(json, "Username");
    String secret = text(json, "Secret");
    if ((secret == null || secret.isEmpty()) && (username == null || username.isEmpty())) {
      return Optional.empty(); // what a helper answers for a registry it has nothing for
    }
    if (secret == null || secret.isEmpty()) {
      throw new OciException(
          tried + " but its answer has a Username and no Secret: the helper's entry is incomplete");
    }
    if (username == null || username.isEmpty() || username.contains(":")) {
      throw new OciException(
          tried
              + " but its answer's Username is "
              + (username == null || username.isEmpty() ? "missing" : "'" + username + "'")
              + ": a username must be non-empty and contain no ':'");
    }
    return Optional.of(new Credentials(username, secret));
  }

  private @Nullable Path find(String program) {
    for (Path folder : searchPath) {
      Path candidate = folder.resolve(program);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate.toAbsolutePath();
      }
    }
    return null;
  }

  /** The helper's answer, or null when it took longer than the timeout. */
  private @Nullable Answer run(Path executable, String server, String waiting) {
    Process process;
    try {
      process = new ProcessBuilder(executable.toString(), "get").start();
    } catch (IOException e) {
      throw new OciException("Tried to start " + executable + " but failed: " + e.getMessage(), e);
    }
    RUNNING.add(process);
    try {
      Drain output = new Drain(process.getInputStream());
      Drain errors = new Drain(process.getErrorStream());
      try (OutputStream in = process.getOutputStream()) {
        in.write((server + "\n").getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        // a helper that exits without reading its input: its status says why
      }
      long quiet = Math.min(QUIET.toNanos(), timeout.toNanos());
      if (!process.waitFor(quiet, TimeUnit.NANOSECONDS)) {
        notices.accept(waiting); // a helper may be waiting for a keyring to be unlocked
      }
      if (!process.waitFor(timeout.toNanos() - quiet, TimeUnit.NANOSECONDS)) {
        // still running, so what it started is still its own: stop all of it
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        return null;
      }
      // A program the helper started (an agent) may keep the output open after the helper ended:
      // what arrived within a second is the answer.
      output.join(1_000);
      errors.join(1_000);
      return new Answer(process.exitValue(), output.text(), errors.text());
    } catch (InterruptedException e) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      Thread.currentThread().interrupt();
      throw new OciException("Interrupted while waiting for " + executable, e);
    } finally {
      process.destroyForcibly(); // nothing when it has ended
      RUNNING.remove(process);
    }
  }

  /** Helpers still running, stopped with what they started when the JVM is (Ctrl-C, SIGTERM). */
  private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

  static {
    Thread stopHelpers =
        new Thread(
            () ->
                RUNNING.forEach(
                    process -> {
                      process.descendants().forEach(ProcessHandle::destroyForcibly);
                      process.destroyForcibly();
                    }),
            "ferry-stop-credential-helpers");
    try {
      Runtime.getRuntime().addShutdownHook(stopHelpers);
    } catch (IllegalStateException e) {
      // already shutting down: nothing will start a helper any more
    }
  }

  /** Reads one of the helper's outputs on its own thread, so neither can fill its pipe. */
  private static final class Drain extends Thread {
    private final InputStream stream;
    private final byte[] buffer = new byte[MAX_OUTPUT];
    private int length;

    Drain(InputStream stream) {
      super("ferry-credential-helper-output");
      this.stream = stream;
      setDaemon(true);
      start();
    }

    @Override
    public void run() {
      try (stream) {
        byte[] chunk = new byte[4096];
        for (int n; (n = stream.read(chunk)) >= 0; ) {
          synchronized (this) {
            int kept = Math.min(n, buffer.length - length);
            System.arraycopy(chunk, 0, buffer, length, kept);
            length += kept;
          }
        }
      } catch (IOException e) {
        // the pipe was closed when the helper was stopped
      }
    }

    synchronized String text() {
      return new String(buffer, 0, length, StandardCharsets.UTF_8);
    }
  }

  private static String firstLine(String text) {
    String line = text.strip().lines().findFirst().orElse("(no output)");
    return line.length() > 300 ? line.substring(0, 300) + "…" : line;
  }

  private static @Nullable String text(@Nullable JsonNode json, String field) {
    JsonNode value = json == null ? null : json.get(field);
    return value != null && value.isTextual() ? value.asText() : null;
  }

  private record Answer(int status, String output, String errors) {}
}
