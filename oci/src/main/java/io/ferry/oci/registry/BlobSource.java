package io.ferry.oci.registry;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.function.LongConsumer;

/**
 * Blob content that can be read again from any offset, so that a failed upload can be retried or
 * resumed without holding the blob in memory.
 */
public interface BlobSource {

  /** The size in bytes. */
  long size();

  /** A stream of the content from {@code offset} to the end. */
  InputStream open(long offset) throws IOException;

  /**
   * Writes the {@code length} bytes from {@code offset} to {@code target} (a request body), telling
   * {@code sent} how many after each piece. Copies through {@link #open}; a {@linkplain #of(Path,
   * long, long) file region} has the kernel send its bytes to a socket instead.
   */
  default void writeTo(long offset, long length, WritableByteChannel target, LongConsumer sent)
      throws IOException {
    try (InputStream in = open(offset)) {
      byte[] buffer = new byte[(int) Math.min(FileRegion.PIECE, Math.max(1, length))];
      long left = length;
      while (left > 0) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
        if (n < 0) {
          throw new EOFException("the content ended " + left + " bytes before its size");
        }
        ByteBuffer piece = ByteBuffer.wrap(buffer, 0, n);
        while (piece.hasRemaining()) {
          target.write(piece);
        }
        left -= n;
        sent.accept(n);
      }
    }
  }

  /** Content held in memory (small blobs, manifests' configs, tests). */
  static BlobSource of(byte[] content) {
    byte[] copy = content.clone();
    return new BlobSource() {
      @Override
      public long size() {
        return copy.length;
      }

      @Override
      public InputStream open(long offset) {
        return new ByteArrayInputStream(copy, (int) offset, copy.length - (int) offset);
      }
    };
  }

  /**
   * A file, or a region of one (as a blob inside a bundle's tar). Written to a plain socket, its
   * bytes go from the page cache to the socket in the kernel ({@code sendfile}).
   */
  static BlobSource of(Path file, long start, long size) {
    return new FileRegion(file, start, size);
  }
}
