package io.ferry.oci.registry;

import io.ferry.oci.Digest;
import io.ferry.oci.TransferListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.Flow;

/**
 * A request body of {@code length} bytes of a blob from {@code offset}, read afresh for every
 * attempt, each byte told to {@code listener} as it goes. {@link Http1Client} has the blob {@link
 * BlobSource#writeTo write itself} onto the connection (a file region by {@code sendfile}); any
 * other client gets it as a stream through the JDK's {@code BodyPublishers.ofInputStream}.
 */
final class StreamBody implements HttpRequest.BodyPublisher {

  private final BlobSource source;
  private final long offset;
  private final long length;
  private final Digest digest;
  private final TransferListener listener;

  StreamBody(
      BlobSource source, long offset, long length, Digest digest, TransferListener listener) {
    this.source = source;
    this.offset = offset;
    this.length = length;
    this.digest = digest;
    this.listener = listener;
  }

  /** Writes the body to {@code channel}: exactly its length, or it throws. */
  void writeTo(WritableByteChannel channel) throws IOException {
    source.writeTo(offset, length, channel, n -> listener.transferred(digest, n));
  }

  InputStream open() throws IOException {
    return new CountingInputStream(
        new LimitedInputStream(source.open(offset), length), digest, listener);
  }

  @Override
  public long contentLength() {
    return length;
  }

  @Override
  public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
    HttpRequest.BodyPublishers.ofInputStream(
            () -> {
              try {
                return open();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            })
        .subscribe(subscriber);
  }
}
