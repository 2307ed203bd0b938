package io.ferry.oci.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;

/**
 * A request body of exactly {@code length} bytes read from a stream opened afresh for every
 * attempt. {@link Http1Client} copies it straight from the stream to the socket; any other client
 * gets it through the JDK's {@code BodyPublishers.ofInputStream}.
 */
final class StreamBody implements HttpRequest.BodyPublisher {

  private final Requests.StreamOpener opener;
  private final long length;

  StreamBody(Requests.StreamOpener opener, long length) {
    this.opener = opener;
    this.length = length;
  }

  Requests.StreamOpener opener() {
    return opener;
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
                return opener.open();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            })
        .subscribe(subscriber);
  }
}
