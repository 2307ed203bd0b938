package io.ferry.bundle;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * How a bundle encodes tar entries, in one place: every header comes from a Commons Compress {@link
 * TarArchiveOutputStream} with the same settings (PAX headers for long or non-ASCII names and for
 * sizes over 8 GiB, 512-byte records), whether it is rendered ahead of time for a blob written at
 * its offset or streamed with a small file after the blobs.
 */
final class TarEntries {

  /** The tar record size: headers are one or more records, data is zero-padded to a record. */
  static final int RECORD = 512;

  private TarEntries() {}

  /** A tar stream over {@code out} with the bundle's settings. */
  static TarArchiveOutputStream output(OutputStream out) {
    TarArchiveOutputStream tar = new TarArchiveOutputStream(out, RECORD, "UTF-8");
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    tar.setAddPaxHeadersForNonAsciiNames(true);
    return tar;
  }

  /** A regular file entry, mode 0644, modified at {@code modified} (whole seconds). */
  static TarArchiveEntry entry(String path, long size, Instant modified) {
    TarArchiveEntry entry = new TarArchiveEntry(path, true);
    entry.setSize(size);
    entry.setMode(0644);
    entry.setModTime(modified.toEpochMilli());
    return entry;
  }

  /**
   * The header bytes {@link #output} writes before an entry's data: one record, or three when a PAX
   * header carries a long name or a size over 8 GiB.
   */
  static byte[] header(String path, long size, Instant modified) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(RECORD);
    try {
      // With 512-byte records nothing is held back: the header is all out once it is put. The
      // stream is dropped without closing the entry, which has no data here.
      output(bytes).putArchiveEntry(entry(path, size, modified));
    } catch (IOException e) {
      throw new UncheckedIOException("Tried to encode the tar header of " + path, e);
    }
    return bytes.toByteArray();
  }

  /** Zero bytes after {@code size} bytes of data up to the next record. */
  static int padding(long size) {
    return (int) ((RECORD - size % RECORD) % RECORD);
  }
}
