package io.ferry.bundle;

import io.ferry.oci.Descriptor;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Fills the blob section of a {@link TarBundleWriter}, {@code parallel} blobs at a time, each
 * streamed from its source into its region. The first failure stops the rest (interrupting the
 * transfers under way), and every failure that happened is reported together.
 */
final class ParallelBlobWriter {

  /** How long stopped transfers get to let go of the file before the caller deletes it. */
  private static final Duration STOP_WAIT = Duration.ofSeconds(30);

  /**
   * A blob to write.
   *
   * @param blob what it is
   * @param from where it comes from, for errors: {@code registry/repository}
   * @param content opens its bytes (a verifying stream from the registry, or bytes already read)
   */
  record Job(Descriptor blob, String from, Supplier<InputStream> content) {}

  private final int parallel;

  ParallelBlobWriter(int parallel) {
    this.parallel = parallel;
  }

  /** Writes every job's blob into {@code tar}; throws naming every blob that failed. */
  void write(List<Job> jobs, TarBundleWriter tar, String bundle) {
    if (jobs.isEmpty()) {
      return;
    }
    ExecutorService pool = DaemonPool.fixed(Math.min(parallel, jobs.size()), "ferry-create");
    CompletionService<Job> completion = new ExecutorCompletionService<>(pool);
    List<Future<Job>> futures = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    // Blobs stored compressed go one at a time, in order (TarBundleWriter): queued last, they do
    // not hold workers that the others could use meanwhile.
    List<Job> ordered = new ArrayList<>(jobs);
    ordered.sort(Comparator.comparing(job -> TarBundleWriter.compresses(job.blob())));
    try {
      for (Job job : ordered) {
        futures.add(
            completion.submit(
                () -> {
                  tar.putBlob(job.blob(), job.content());
                  return job;
                }));
      }
      for (int i = 0; i < futures.size(); i++) {
        Future<Job> future = completion.take();
        try {
          future.get();
        } catch (CancellationException e) {
          // stopped after another blob failed; that failure is reported
        } catch (ExecutionException e) {
          Job job = ordered.get(futures.indexOf(future));
          failures.add(describe(job, e.getCause()));
          futures.forEach(f -> f.cancel(true));
        }
      }
    } catch (InterruptedException e) {
      futures.forEach(f -> f.cancel(true));
      Thread.currentThread().interrupt();
      throw new BundleException(
          "Interrupted while pulling the blobs of " + bundle + " (no bundle was written)", e);
    } finally {
      stop(pool);
    }
    if (!failures.isEmpty()) {
      throw new BundleException(
          "Tried to pull "
              + jobs.size()
              + " blobs into the bundle "
              + bundle
              + ", "
              + parallel
              + " at a time, but "
              + failures.size()
              + " failed"
              + ", so the others were stopped and no bundle was written:\n  - "
              + String.join("\n  - ", failures));
    }
  }

  private static String describe(Job job, Throwable cause) {
    return "blob "
        + job.blob().digest()
        + " ("
        + job.blob().size()
        + " bytes, "
        + job.blob().mediaType()
        + ") from "
        + job.from()
        + ": "
        + (cause.getMessage() != null ? cause.getMessage() : cause.toString());
  }

  /** Waits for interrupted transfers so none writes into the file after the caller deletes it. */
  private static void stop(ExecutorService pool) {
    pool.shutdownNow();
    try {
      pool.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
