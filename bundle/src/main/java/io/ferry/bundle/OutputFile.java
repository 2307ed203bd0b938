package io.ferry.bundle;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Checks made before long work whose result goes to a file, written to a temporary file beside it
 * and renamed over it: a folder that does not exist or cannot be written, or an output that would
 * replace one of the command's own inputs, is found in milliseconds, not after every blob has been
 * pulled or pushed.
 */
public final class OutputFile {

  /** The sticky bit of a folder's mode: only a file's owner (or root) may replace it there. */
  private static final int STICKY = 01000;

  private OutputFile() {}

  /**
   * Fails, saying why, when {@code file} (what it is: "the bundle", "the report") could not be
   * written, or should not be: it is a folder or not a regular file, its folder does not exist or
   * is a file, no file can be made there, another user's file in a sticky folder (/tmp) is in the
   * way, or it is one of {@code inputs} (by what they are, e.g. "the spec (-f)"), which the rename
   * would replace.
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
    requireNotAnInput(file, tried, inputs);
    if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
      if (!Files.isRegularFile(absolute)) {
        // the rename would replace a device or a link to one (/dev/null, /dev/stdout)
        throw new BundleException(
            tried
                + "that is not a regular file (a device, a pipe or a socket, or a link to one),"
                + " which would be replaced: name a file. Nothing was done.");
      }
      requireReplaceable(absolute, dir, tried);
    }
    requireCreatable(dir, tried);
  }

  /**
   * Fails when {@code file} is the directory entry of one of {@code inputs}: the rename would
   * replace it. Another link to the same data (a symbolic or hard link elsewhere) survives a rename
   * and is no reason to refuse; the same entry reached through a linked folder is.
   */
  public static void requireNotAnInput(
      Path file, String tried, Map<String, @Nullable Path> inputs) {
    Path entry = entry(file);
    for (Map.Entry<String, @Nullable Path> input : inputs.entrySet()) {
      Path path = input.getValue();
      if (path != null && entry.equals(entry(path))) {
        throw new BundleException(
            tried
                + "that is "
                + input.getKey()
                + ", which it would overwrite: name another file. Nothing was done.");
      }
    }
  }

  /** Where {@code path}'s directory entry is: its folder's real path and its own name. */
  private static Path entry(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    Path dir = absolute.getParent();
    if (dir == null || absolute.getFileName() == null) {
      return absolute;
    }
    try {
      return dir.toRealPath().resolve(absolute.getFileName());
    } catch (IOException e) {
      return absolute; // a folder that does not exist holds no input
    }
  }

  /**
   * In a sticky folder ({@code /tmp}) only a file's owner may replace it: another user's file there
   * would fail the final rename, after all the work.
   */
  private static void requireReplaceable(Path absolute, Path dir, String tried) {
    try {
      int mode = (Integer) Files.getAttribute(dir, "unix:mode");
      int owner = (Integer) Files.getAttribute(absolute, "unix:uid", LinkOption.NOFOLLOW_LINKS);
      int me = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
      if ((mode & STICKY) != 0 && me != 0 && owner != me) {
        throw new BundleException(
            tried
                + "it belongs to another user, in the sticky folder "
                + dir
                + " where only its owner may replace it: name another file. Nothing was done.");
      }
    } catch (UnsupportedOperationException | IllegalArgumentException | IOException e) {
      // no unix attributes here: the rename tells at the end
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
