package io.ferry.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/** Creates and deletes the temporary folder a real service works in. */
public final class ServiceDirectory {

  private ServiceDirectory() {}

  /** Creates a fresh temporary folder whose name starts with {@code ferry-<service>-}. */
  public static Path create(String service) {
    try {
      return Files.createTempDirectory("ferry-" + service + "-");
    } catch (IOException e) {
      throw new UncheckedIOException("Tried to create a temporary folder for " + service, e);
    }
  }

  /** Writes {@code content} to {@code file} through a temporary name, so no reader sees half. */
  public static Path write(Path file, String content) {
    try {
      Path partial = file.resolveSibling(file.getFileName() + ".partial");
      Files.writeString(partial, content);
      return Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Tried to write " + file, e);
    }
  }

  /** Deletes {@code directory} and everything below it; a missing folder is fine. */
  public static void delete(Path directory) {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(ServiceDirectory::deleteOne);
    } catch (IOException e) {
      throw new UncheckedIOException("Tried to delete " + directory, e);
    }
  }

  private static void deleteOne(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new UncheckedIOException("Tried to delete " + path, e);
    }
  }
}
