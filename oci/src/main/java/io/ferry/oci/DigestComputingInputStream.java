package io.ferry.oci;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/** Hashes everything read through it, for writers that learn a blob's digest while copying it. */
public final class DigestComputingInputStream extends FilterInputStream {

  private final MessageDigest hasher = Digest.newSha256();
  private long size;

  public DigestComputingInputStream(InputStream in) {
    super(in);
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      hasher.update((byte) b);
      size++;
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    if (n > 0) {
      hasher.update(buffer, offset, n);
      size += n;
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    // Skipping would leave bytes out of the hash; reading them keeps the digest honest.
    byte[] buffer = new byte[8192];
    long skipped = 0;
    while (skipped < n) {
      int read = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
      if (read < 0) {
        break;
      }
      skipped += read;
    }
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  /** Bytes read so far. */
  public long size() {
    return size;
  }

  /** The digest of everything read so far; call once, at the end. */
  public Digest digest() {
    return Digest.sha256(hasher.digest());
  }
}
