package io.ferry.bundle;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks made before long work whose result goes to a file: a folder that does not exist or cannot
 * be written is found in milliseconds, not after every blob has been pulled or pushed.
 */
public final class OutputFile {

  private OutputFile() {}

  /**
   * Fails, saying why, when {@code file} (what it is: "the bundle", "the report") could not be
   * written: it is a folder, its folder does not exist, or this user cannot write there.
   */
  public static void requireWritable(Path file, String what) {
    Path absolute = file.toAbsolutePath();
    Path dir = absolute.getParent();
    String tried = "Tried to write " + what + " to " + file + " but ";
    if (Files.isDirectory(absolute)) {
      throw new BundleException(tried + "that is a folder: name a file in it. Nothing was done.");
    }
    if (dir == null || !Files.isDirectory(dir)) {
      throw new BundleException(
          tried + "the folder " + dir + " does not exist (create it first). Nothing was done.");
    }
    if (!Files.isWritable(dir)) {
      throw new BundleException(
          tried
              + "this user cannot write in the folder "
              + dir
              + " (permissions, a read-only mount or the immutable attribute). Nothing was done.");
    }
  }
}
