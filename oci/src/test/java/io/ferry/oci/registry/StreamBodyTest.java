package io.ferry.oci.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.oci.Digest;
import io.ferry.oci.TransferListener;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A blob body written onto a channel (as {@link Http1Client} sends it) and published to any client
 * that subscribes: the same bytes of the same range, read afresh each time, every byte counted.
 */
class StreamBodyTest {

  private final byte[] content = random(600_000);
  private final AtomicLong counted = new AtomicLong();
  private final TransferListener listener =
      new TransferListener() {
        @Override
        public void transferred(Digest digest, long bytes) {
          counted.addAndGet(bytes);
        }
      };
  private final OpenCountingSource source = new OpenCountingSource(content);

  @Test
  void publishesItsRangeOfTheBlobAndOpensItAfreshForEachSubscriber() throws Exception {
    StreamBody body = new StreamBody(source, 1000, 500_000, Digest.of(content), listener);

    assertThat(body.contentLength()).isEqualTo(500_000);
    byte[] expected = Arrays.copyOfRange(content, 1000, 501_000);
    assertThat(collect(body)).isEqualTo(expected);
    assertThat(collect(body)).isEqualTo(expected);
    assertThat(source.opened()).isEqualTo(2);
    assertThat(counted.get()).isEqualTo(1_000_000);
  }

  @Test
  void writesTheSameRangeOntoAChannel() throws Exception {
    StreamBody body = new StreamBody(source, 1000, 500_000, Digest.of(content), listener);
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    body.writeTo(Channels.newChannel(out));

    assertThat(out.toByteArray()).isEqualTo(Arrays.copyOfRange(content, 1000, 501_000));
    assertThat(counted.get()).isEqualTo(500_000);
  }

  @Test
  void aSourceShorterThanItsSizeFailsInsteadOfSendingLessThanItsLength() {
    BlobSource truncated =
        new BlobSource() {
          @Override
          public long size() {
            return 1000;
          }

          @Override
          public InputStream open(long offset) {
            return new ByteArrayInputStream(new byte[600]);
          }
        };
    StreamBody body = new StreamBody(truncated, 0, 1000, Digest.of(content), listener);

    assertThatThrownBy(() -> body.writeTo(Channels.newChannel(new ByteArrayOutputStream())))
        .isInstanceOf(EOFException.class)
        .hasMessageContaining("400 bytes before its size");
  }

  private static byte[] random(int size) {
    byte[] bytes = new byte[size];
    new Random(3).nextBytes(bytes);
    return bytes;
  }

  private static byte[] collect(StreamBody body) throws Exception {
    return Http1Request.collect(body); // as the transport reads small bodies from any publisher
  }
}
