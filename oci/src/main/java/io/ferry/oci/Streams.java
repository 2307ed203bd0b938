package io.ferry.oci;

import java.io.IOException;
import java.io.InputStream;

/** What Ferry's own streams share. */
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

  /**
   * {@code read()} through {@code in}'s own bulk {@code read(byte[], int, int)}, for streams whose
   * work (counting, hashing, framing) lives there.
   */
  public static int readOneByte(InputStream in) throws IOException {
    byte[] one = new byte[1];
    int n = in.read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }
}
