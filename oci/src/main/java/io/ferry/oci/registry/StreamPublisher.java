package io.ferry.oci.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * A request body read from a stream in 256 KiB pieces. The JDK's {@code
 * BodyPublishers.ofInputStream} hands the client 16 KiB at a time, and the client's per-piece work
 * cost more CPU than the bytes themselves: uploading 512 MiB to a local registry took 1.6 to 3.6 s
 * of client CPU with it and 0.5 to 0.9 s with this (measured side by side on the 2-core build
 * machine). Reads happen on the thread that asks for more, as in the JDK's own publishers; the
 * stream is opened at subscription, so every attempt of a request reads it afresh.
 */
final class StreamPublisher implements Flow.Publisher<ByteBuffer> {

  static final int CHUNK = 256 * 1024;

  private final Requests.StreamOpener opener;

  StreamPublisher(Requests.StreamOpener opener) {
    this.opener = opener;
  }

  @Override
  public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
    subscriber.onSubscribe(new Subscription(subscriber));
  }

  private final class Subscription implements Flow.Subscription {
    private final Flow.Subscriber<? super ByteBuffer> subscriber;
    private final AtomicLong demand = new AtomicLong();
    private final AtomicInteger pending = new AtomicInteger();
    private volatile boolean done;
    private @Nullable InputStream in;

    Subscription(Flow.Subscriber<? super ByteBuffer> subscriber) {
      this.subscriber = subscriber;
    }

    @Override
    public void request(long n) {
      if (done) {
        return;
      }
      if (n <= 0) {
        fail(new IllegalArgumentException("request(" + n + "): demand must be positive"));
        return;
      }
      demand.getAndUpdate(d -> d + n < 0 ? Long.MAX_VALUE : d + n);
      // Only one thread emits; a request made from inside onNext is served by the loop below.
      if (pending.getAndIncrement() != 0) {
        return;
      }
      do {
        emit();
      } while (pending.decrementAndGet() != 0);
    }

    private void emit() {
      while (!done && demand.get() > 0) {
        try {
          if (in == null) {
            in = opener.open();
          }
          byte[] chunk = new byte[CHUNK];
          int filled = 0;
          int n;
          while (filled < CHUNK && (n = in.read(chunk, filled, CHUNK - filled)) >= 0) {
            filled += n;
          }
          if (filled == 0) {
            done = true;
            close();
            subscriber.onComplete();
            return;
          }
          demand.decrementAndGet();
          subscriber.onNext(ByteBuffer.wrap(chunk, 0, filled));
        } catch (IOException | RuntimeException e) {
          fail(e);
        }
      }
    }

    @Override
    public void cancel() {
      done = true;
      close();
    }

    private void fail(Throwable failure) {
      if (!done) {
        done = true;
        close();
        subscriber.onError(failure);
      }
    }

    private void close() {
      InputStream stream = in;
      if (stream != null) {
        try {
          stream.close();
        } catch (IOException e) {
          // the body was read, or the request failed for a reason reported already
        }
      }
    }
  }
}
