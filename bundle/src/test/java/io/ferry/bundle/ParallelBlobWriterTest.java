package io.ferry.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.oci.Descriptor;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Blobs written in parallel into a real file: the first failure stops the rest. */
class ParallelBlobWriterTest {

  private static final String TYPE = "application/octet-stream";

  @TempDir Path dir;

  @Test
  void theFirstFailingBlobInterruptsTheOthersAndIsReportedWithWhereItCameFrom() throws Exception {
    Descriptor slow = Descriptor.of(TYPE, bytes("slow"));
    Descriptor bad = Descriptor.of(TYPE, bytes("good"));
    Descriptor later = Descriptor.of(TYPE, bytes("later"));
    CountDownLatch slowStarted = new CountDownLatch(1);
    AtomicBoolean slowInterrupted = new AtomicBoolean();
    InputStream hanging =
        new InputStream() {
          @Override
          public int read() throws InterruptedIOException {
            slowStarted.countDown();
            try {
              Thread.sleep(60_000);
            } catch (InterruptedException e) {
              slowInterrupted.set(true);
              Thread.currentThread().interrupt();
            }
            throw new InterruptedIOException("stopped");
          }
        };
    List<ParallelBlobWriter.Job> jobs =
        List.of(
            new ParallelBlobWriter.Job(slow, "registry.test/slow", () -> hanging),
            new ParallelBlobWriter.Job(
                bad,
                "registry.test/bad",
                () -> {
                  awaitUnchecked(slowStarted);
                  return new ByteArrayInputStream(bytes("gold"));
                }),
            new ParallelBlobWriter.Job(
                later, "registry.test/later", () -> new ByteArrayInputStream(bytes("later"))));

    long started = System.nanoTime();
    try (TarBundleWriter tar =
        new TarBundleWriter(dir.resolve("b.tar"), Instant.EPOCH, List.of(slow, bad, later))) {
      assertThatThrownBy(() -> new ParallelBlobWriter(2).write(jobs, tar, "b.tar"))
          .isInstanceOf(BundleException.class)
          .hasMessageContaining("Tried to pull 3 blobs into the bundle b.tar, 2 at a time, but 1")
          .hasMessageContaining("blob " + bad.digest() + " (4 bytes, " + TYPE + ")")
          .hasMessageContaining("from registry.test/bad")
          .hasMessageContaining("hashes to")
          .hasMessageNotContaining(slow.digest().toString());
    }
    assertThat(slowInterrupted).as("the transfer under way was interrupted").isTrue();
    assertThat(System.nanoTime() - started).isLessThan(TimeUnit.SECONDS.toNanos(30));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static void awaitUnchecked(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
