package io.ferry.oci.registry;

import io.ferry.oci.Digest;
import io.ferry.oci.DigestMismatchException;
import io.ferry.oci.Streams;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * A {@link BlobSource} that checks its content against a digest while it is being sent, instead of
 * in a separate pass beforehand: every byte is hashed once, in order, however often and from
 * wherever the source is opened (a retried upload re-reads bytes already hashed; a resumed one
 * starts past bytes not yet hashed, which are then read and hashed first). The read that would hand
 * out the last byte of a wrong blob throws {@link DigestMismatchException} instead, so an upload
 * never completes with corrupted content, and every later open fails the same way.
 */
final class VerifiedBlobSource implements BlobSource {

  private static final int BUFFER = 1 << 16;

  private final BlobSource source;
  private final Digest digest;
  private final String what;
  private final MessageDigest hasher;
  private long hashed;
  private boolean verified;
  private DigestMismatchException failure;

  VerifiedBlobSource(BlobSource source, Digest digest, String what) {
    this.source = source;
    this.digest = digest;
    this.what = what;
    this.hasher = digest.newHasher();
  }

  @Override
  public long size() {
    return source.size();
  }

  @Override
  public InputStream open(long offset) throws IOException {
    synchronized (this) {
      if (failure != null) {
        throw failure;
      }
      if (source.size() == 0 && !verified) {
        hash(new byte[0], 0, 0); // nothing will be read: check the empty content's digest now
      }
      if (offset > hashed && !verified) {
        try (InputStream gap = source.open(hashed)) {
          byte[] buffer = new byte[BUFFER];
          while (hashed < offset) {
            int n = gap.read(buffer, 0, (int) Math.min(buffer.length, offset - hashed));
            if (n < 0) {
              break;
            }
            hash(buffer, 0, n);
          }
        }
      }
    }
    return new Hashing(source.open(offset), offset);
  }

  /** Hashes bytes that start exactly at {@link #hashed}; at the end, checks the digest. */
  private synchronized void hash(byte[] buffer, int offset, int length) {
    hasher.update(buffer, offset, length);
    hashed += length;
    if (hashed == source.size()) {
      Digest actual = new Digest(digest.algorithm(), HexFormat.of().formatHex(hasher.digest()));
      if (actual.equals(digest)) {
        verified = true;
      } else {
        failure =
            new DigestMismatchException(
                digest,
                what
                    + " hashes to "
                    + actual
                    + " instead of "
                    + digest
                    + " (its content is corrupted)");
        throw failure;
      }
    }
  }

  /** Passes bytes through, hashing those at and past the hashed position. */
  private final class Hashing extends FilterInputStream {
    private long position;

    Hashing(InputStream in, long position) {
      super(in);
      this.position = position;
    }

    @Override
    public int read() throws IOException {
      return Streams.readOneByte(this);
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        synchronized (VerifiedBlobSource.this) {
          if (failure != null) {
            throw failure;
          }
          long end = position + n;
          if (!verified && position <= hashed && hashed < end) {
            int skip = (int) (hashed - position);
            hash(buffer, offset + skip, n - skip);
          }
          position = end;
        }
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      return Streams.skipByReading(this, n);
    }
  }
}
