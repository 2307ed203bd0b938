package io.ferry.oci;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Passes content through while hashing it, and at end of stream throws {@link
 * DigestMismatchException} unless exactly {@code expectedSize} bytes hashing to the expected digest
 * came through. Reading past the expected size fails at once, so a lying server cannot make a
 * reader buffer more than it asked for.
 */
public final class VerifyingInputStream extends FilterInputStream {

  private final Digest expected;
  private final long expectedSize;
  private final String source;
  private final MessageDigest hasher;
  private long count;
  private boolean verified;

  /**
   * @param expectedSize the size in bytes, or -1 when only the digest is known
   * @param source what the content is, for the error, e.g. {@code blob sha256:… from
   *     registry.local/project/app}
   */
  public VerifyingInputStream(InputStream in, Digest expected, long expectedSize, String source) {
    this(in, expected, expectedSize, source, expected.newHasher(), 0);
  }

  /**
   * Continues a verification whose first {@code alreadyRead} bytes were hashed into {@code hasher}
   * elsewhere, as when resuming a download with {@code Range}.
   */
  public VerifyingInputStream(
      InputStream in,
      Digest expected,
      long expectedSize,
      String source,
      MessageDigest hasher,
      long alreadyRead) {
    super(in);
    HashWarmUp.start(); // what comes through here is a blob, hashed in bulk
    this.expected = expected;
    this.expectedSize = expectedSize;
    this.source = source;
    this.hasher = hasher;
    this.count = alreadyRead;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b < 0) {
      verifyAtEnd();
    } else {
      hasher.update((byte) b);
      count++;
      checkNotTooLong();
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    if (n < 0) {
      verifyAtEnd();
    } else if (n > 0) {
      hasher.update(buffer, offset, n);
      count += n;
      checkNotTooLong();
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    return Streams.skipByReading(this, n);
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  /** Bytes that came through so far, including any hashed before this stream was made. */
  public long count() {
    return count;
  }

  private void checkNotTooLong() {
    if (expectedSize >= 0 && count > expectedSize) {
      throw new DigestMismatchException(
          expected,
          "Read "
              + source
              + " but it is longer than the "
              + expectedSize
              + " bytes its descriptor says (corrupted or wrong content)");
    }
  }

  private void verifyAtEnd() {
    if (verified) {
      return;
    }
    if (expectedSize >= 0 && count != expectedSize) {
      throw new DigestMismatchException(
          expected,
          "Read "
              + source
              + " but it ended after "
              + count
              + " of "
              + expectedSize
              + " bytes (truncated)");
    }
    Digest actual = new Digest(expected.algorithm(), hexOf(hasher.digest()));
    if (!actual.equals(expected)) {
      throw new DigestMismatchException(
          expected,
          "Read "
              + source
              + " but its content hashes to "
              + actual
              + " (corrupted in storage or in transit)");
    }
    verified = true;
  }

  private static String hexOf(byte[] hash) {
    return HexFormat.of().formatHex(hash);
  }
}
