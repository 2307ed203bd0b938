package io.ferry.oci.registry;

import io.ferry.oci.Digest;
import io.ferry.oci.TransferListener;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Tells a {@link TransferListener} about every byte of a blob that is read through it. */
final class CountingInputStream extends FilterInputStream {

  private final Digest digest;
  private final TransferListener listener;

  CountingInputStream(InputStream in, Digest digest, TransferListener listener) {
    super(in);
    this.digest = digest;
    this.listener = listener;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      listener.transferred(digest, 1);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    if (n > 0) {
      listener.transferred(digest, n);
    }
    return n;
  }
}
