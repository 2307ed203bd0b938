package io.ferry.oci;

import java.io.IOException;
import java.io.InputStream;

/** What the hashing streams share. */
public final class Streams {

  private Streams() {}

  /**
   * Skips by reading through {@code in}'s own {@code read}, so a stream that hashes what passes
   * through it leaves nothing out of the hash (a {@code FilterInputStream} would skip underneath).
   */
  public static long skipByReading(InputStream in, long n) throws IOException {
    byte[] buffer = new byte[(int) Math.min(8192, Math.max(n, 1))];
    long skipped = 0;
    while (skipped < n) {
      int read = in.read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
      if (read < 0) {
        break;
      }
      skipped += read;
    }
    return skipped;
  }
}
