package io.ferry.bundle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Something to do if the JVM stops (Ctrl-C, SIGTERM) while a piece of work runs: remove a temporary
 * file, tell the user how to go on. Closing it, when the work ends either way, stops watching.
 */
public final class OnInterrupt implements AutoCloseable {

  private final Thread hook;

  private OnInterrupt(Runnable action, String name) {
    this.hook = new Thread(action, name);
  }

  /** Runs {@code action} if the JVM stops before {@link #close}. */
  public static OnInterrupt run(String name, Runnable action) {
    OnInterrupt watch = new OnInterrupt(action, "ferry-on-interrupt-" + name);
    Runtime.getRuntime().addShutdownHook(watch.hook);
    return watch;
  }

  /**
   * Removes {@code file} if the JVM stops before {@link #close}: a bundle's temporary file has a
   * random name, so a rerun would never find or reuse one left behind.
   */
  public static OnInterrupt delete(Path file) {
    return run(
        "remove-" + file.getFileName(),
        () -> {
          try {
            Files.deleteIfExists(file);
          } catch (IOException e) {
            // stopping anyway; the name ends in .partial and says what it is
          }
        });
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is stopping: the hook runs
    }
  }
}
