package io.ferry.oci.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A streamed body also works with any client that subscribes to it, and reopens per attempt. */
class StreamBodyTest {

  @Test
  void publishesTheStreamsBytesAndOpensItAfreshForEachSubscriber() throws Exception {
    byte[] content = new byte[600_000];
    new java.util.Random(3).nextBytes(content);
    AtomicInteger opened = new AtomicInteger();
    StreamBody body =
        new StreamBody(
            () -> {
              opened.incrementAndGet();
              return new ByteArrayInputStream(content);
            },
            content.length);

    assertThat(body.contentLength()).isEqualTo(content.length);
    assertThat(collect(body)).isEqualTo(content);
    assertThat(collect(body)).isEqualTo(content);
    assertThat(opened.get()).isEqualTo(2);
  }

  private static byte[] collect(StreamBody body) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CompletableFuture<byte[]> done = new CompletableFuture<>();
    body.subscribe(
        new Flow.Subscriber<ByteBuffer>() {
          @Override
          public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
          }

          @Override
          public void onNext(ByteBuffer item) {
            byte[] bytes = new byte[item.remaining()];
            item.get(bytes);
            out.writeBytes(bytes);
          }

          @Override
          public void onError(Throwable failure) {
            done.completeExceptionally(failure);
          }

          @Override
          public void onComplete() {
            done.complete(out.toByteArray());
          }
        });
    return done.get(10, TimeUnit.SECONDS);
  }
}
