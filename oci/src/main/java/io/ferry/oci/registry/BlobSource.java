package io.ferry.oci.registry;

import io.ferry.oci.Digest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Blob content that can be read again from any offset, so that a failed upload can be retried or
 * resumed without holding the blob in memory.
 */
public interface BlobSource {

  /** The size in bytes. */
  long size();

  /** A stream of the content from {@code offset} to the end. */
  InputStream open(long offset) throws IOException;

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
   * {@code source}, checked against {@code digest} as it is read: once every byte went through, in
   * whatever pieces, the read that would finish a wrong blob throws {@link
   * io.ferry.oci.DigestMismatchException} naming {@code what}. Cheaper than hashing beforehand: an
   * upload reads the content once.
   */
  static BlobSource verified(BlobSource source, Digest digest, String what) {
    return new VerifiedBlobSource(source, digest, what);
  }

  /** A file, or a region of one (as a blob inside a bundle's tar). */
  static BlobSource of(Path file, long start, long size) {
    return new BlobSource() {
      @Override
      public long size() {
        return size;
      }

      @Override
      public InputStream open(long offset) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        channel.position(start + offset);
        return new LimitedInputStream(Channels.newInputStream(channel), size - offset);
      }
    };
  }
}
