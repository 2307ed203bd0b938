package io.ferry.bundle;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Checks made before long work whose result goes to a file: a folder that does not exist or cannot
 * be written, or an output that would overwrite one of the command's own inputs, is found in
 * milliseconds, not after every blob has been pulled or pushed.
 */
public final class OutputFile {

  private OutputFile() {}

  /**
   * Fails, saying why, when {@code file} (what it is: "the bundle", "the report") could not be
   * written, or should not be: it is a folder or not a regular file, its folder does not exist or
   * is a file, this user cannot write there, or it is one of {@code inputs} (by what they are, e.g.
   * "the spec (-f)"), which writing it would destroy.
   */
  public static void requireWritable(Path file, String what, Map<String, @Nullable Path> inputs) {
    Path absolute = file.toAbsolutePath();
    Path dir = absolute.getParent();
    String tried = "Tried to write " + what + " to " + file + " but ";
    if (Files.isDirectory(absolute)) {
      throw new BundleException(tried + "that is a folder: name a file in it. Nothing was done.");
    }
    if (dir == null || !Files.exists(dir)) {
      throw new BundleException(
          tried + "the folder " + dir + " does not exist (create it first). Nothing was done.");
    }
    if (!Files.isDirectory(dir)) {
      throw new BundleException(tried + dir + " is a file, not a folder. Nothing was done.");
    }
    if (Files.exists(absolute)) {
      requireNotAnInput(absolute, tried, inputs);
      if (!Files.isRegularFile(absolute)) {
        throw new BundleException(
            tried
                + "that is not a regular file (a device, a pipe or a socket), which would be"
                + " replaced: name a file. Nothing was done.");
      }
      requireOpenable(absolute, tried);
    }
    requireCreatable(dir, tried);
  }

  private static void requireNotAnInput(
      Path absolute, String tried, Map<String, @Nullable Path> inputs) {
    for (Map.Entry<String, @Nullable Path> input : inputs.entrySet()) {
      Path path = input.getValue();
      try {
        if (path != null && Files.exists(path) && Files.isSameFile(absolute, path)) {
          throw new BundleException(
              tried
                  + "that is "
                  + input.getKey()
                  + ", which it would overwrite: name another file. Nothing was done.");
        }
      } catch (IOException e) {
        // cannot compare: the input's own read reports what is wrong with it
      }
    }
  }

  /**
   * An existing file is replaced: opening it for writing (nothing written, nothing truncated) finds
   * a read-only or immutable one, which a root user's permission check does not.
   */
  private static void requireOpenable(Path absolute, String tried) {
    try {
      FileChannel.open(absolute, StandardOpenOption.WRITE).close();
    } catch (IOException e) {
      throw new BundleException(
          tried
              + "it cannot be replaced ("
              + reason(e)
              + ": read-only, or the immutable attribute). Nothing was done.",
          e);
    }
  }

  /**
   * A file created and removed at once: permissions, a read-only mount, an immutable folder, or a
   * folder no file can be made in (/proc), whoever the user is.
   */
  private static void requireCreatable(Path dir, String tried) {
    try {
      Files.delete(Files.createTempFile(dir, ".ferry-", ".probe"));
    } catch (IOException e) {
      throw new BundleException(
          tried
              + "no file can be written in the folder "
              + dir
              + " ("
              + reason(e)
              + ": permissions, a read-only mount or the immutable attribute). Nothing was done.",
          e);
    }
  }

  private static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "access denied";
    }
    if (e instanceof NoSuchFileException) {
      return "no such file or folder";
    }
    if (e instanceof FileSystemException failure && failure.getReason() != null) {
      return failure.getReason();
    }
    return String.valueOf(e.getMessage());
  }
}
