package io.ferry.oci.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

class StreamPublisherTest {

  @Test
  void emitsTheWholeStreamInPiecesAsTheSubscriberAsks() {
    byte[] content = new byte[StreamPublisher.CHUNK * 2 + 1234];
    new Random(3).nextBytes(content);
    Collector collector = new Collector(1);
    new StreamPublisher(() -> new ByteArrayInputStream(content)).subscribe(collector);

    assertThat(collector.completed).isTrue();
    assertThat(collector.error).isNull();
    assertThat(collector.sizes).containsExactly(StreamPublisher.CHUNK, StreamPublisher.CHUNK, 1234);
    assertThat(collector.bytes.toByteArray()).isEqualTo(content);
  }

  @Test
  void aFailingStreamEndsInOnErrorAndIsClosed() {
    boolean[] closed = {false};
    InputStream failing =
        new InputStream() {
          @Override
          public int read() throws IOException {
            throw new IOException("disk gone");
          }

          @Override
          public void close() {
            closed[0] = true;
          }
        };
    Collector collector = new Collector(1);
    new StreamPublisher(() -> failing).subscribe(collector);

    assertThat(collector.error).hasMessage("disk gone");
    assertThat(collector.completed).isFalse();
    assertThat(closed[0]).isTrue();
  }

  @Test
  void aNonPositiveRequestIsAnError() {
    Collector collector = new Collector(0);
    new StreamPublisher(() -> new ByteArrayInputStream(new byte[10])).subscribe(collector);

    assertThat(collector.error).isInstanceOf(IllegalArgumentException.class);
  }

  /** Asks for {@code step} pieces at subscription and again after each one (0: asks for none). */
  private static final class Collector implements Flow.Subscriber<ByteBuffer> {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final List<Integer> sizes = new ArrayList<>();
    final long step;
    Flow.Subscription subscription;
    boolean completed;
    Throwable error;

    Collector(long step) {
      this.step = step;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      this.subscription = subscription;
      subscription.request(step);
    }

    @Override
    public void onNext(ByteBuffer item) {
      sizes.add(item.remaining());
      bytes.write(item.array(), item.arrayOffset() + item.position(), item.remaining());
      subscription.request(step);
    }

    @Override
    public void onError(Throwable throwable) {
      error = throwable;
    }

    @Override
    public void onComplete() {
      completed = true;
    }
  }
}
