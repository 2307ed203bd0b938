package io.ferry.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BiFunction;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Rewrites a bundle's tar the way an attacker or a broken disk would. */
final class TarSurgery {

  private TarSurgery() {}

  /**
   * Copies {@code from} to {@code to}, passing each entry's content through {@code change} (null
   * drops the entry), then appending {@code extra} entries.
   */
  static void rewrite(
      Path from, Path to, BiFunction<String, byte[], byte[]> change, TarArchiveEntry... extra)
      throws IOException {
    try (InputStream in = Files.newInputStream(from);
        TarArchiveInputStream tarIn = new TarArchiveInputStream(in);
        OutputStream out = Files.newOutputStream(to);
        TarArchiveOutputStream tarOut = new TarArchiveOutputStream(out)) {
      tarOut.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      TarArchiveEntry entry;
      while ((entry = tarIn.getNextEntry()) != null) {
        byte[] content = change.apply(entry.getName(), tarIn.readAllBytes());
        if (content == null) {
          continue;
        }
        TarArchiveEntry copy = new TarArchiveEntry(entry.getName(), true);
        copy.setSize(content.length);
        tarOut.putArchiveEntry(copy);
        tarOut.write(content);
        tarOut.closeArchiveEntry();
      }
      for (TarArchiveEntry added : extra) {
        tarOut.putArchiveEntry(added);
        tarOut.closeArchiveEntry();
      }
    }
  }

  /** Flips one byte of the file at {@code position}. */
  static void flipByte(Path file, long position) throws IOException {
    try (var channel =
        java.nio.channels.FileChannel.open(
            file, java.nio.file.StandardOpenOption.READ, java.nio.file.StandardOpenOption.WRITE)) {
      java.nio.ByteBuffer one = java.nio.ByteBuffer.allocate(1);
      channel.read(one, position);
      one.flip();
      byte b = one.get();
      channel.write(java.nio.ByteBuffer.wrap(new byte[] {(byte) (b ^ 0x01)}), position);
    }
  }
}
