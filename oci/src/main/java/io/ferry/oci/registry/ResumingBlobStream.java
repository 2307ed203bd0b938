package io.ferry.oci.registry;

import io.ferry.oci.Digest;
import io.ferry.oci.RegistryException;
import io.ferry.oci.Streams;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * A blob's bytes from a registry that survive a broken connection: when a read fails, the rest is
 * asked for again with {@code Range} from the byte reached, as the retry policy allows.
 */
final class ResumingBlobStream extends InputStream {

  private final RegistryCaller caller;
  private final String repository;
  private final Digest digest;
  private final long size;
  private long position;
  private int failures;
  private InputStream current;

  ResumingBlobStream(
      RegistryCaller caller, String repository, Digest digest, long size, long offset) {
    this.caller = caller;
    this.repository = repository;
    this.digest = digest;
    this.size = size;
    this.position = offset;
    this.current = caller.call(new BlobPuller(repository, digest, offset));
  }

  @Override
  public int read() throws IOException {
    return Streams.readOneByte(this);
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    while (true) {
      try {
        int n = current.read(buffer, offset, length);
        if (n > 0) {
          position += n;
        }
        return n;
      } catch (IOException e) {
        reopenAfter(e);
      }
    }
  }

  private void reopenAfter(IOException e) throws IOException {
    closeQuietly();
    failures++;
    RetryPolicy retry = caller.options().retry();
    if (failures >= retry.maxAttempts() || (size >= 0 && position >= size)) {
      throw e;
    }
    try {
      Thread.sleep(retry.backoff(failures, null).toMillis());
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new RegistryException(
          caller.registry(),
          repository,
          "pull blob " + digest,
          0,
          List.of(),
          "interrupted while waiting to resume",
          "",
          interrupted);
    }
    current = caller.call(new BlobPuller(repository, digest, position));
  }

  private void closeQuietly() {
    try {
      current.close();
    } catch (IOException ignored) {
      // The connection already failed; closing it is best effort.
    }
  }

  @Override
  public void close() throws IOException {
    current.close();
  }
}
