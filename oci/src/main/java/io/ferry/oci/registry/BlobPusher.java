package io.ferry.oci.registry;

import io.ferry.oci.Descriptor;
import io.ferry.oci.Digest;
import io.ferry.oci.RegistryException;
import io.ferry.oci.TransferListener;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Puts one blob into a repository the cheapest way: skip it when the repository has it, mount it
 * from another repository when told where, else upload it whole ({@code POST} + {@code PUT}) or,
 * above the chunk size, in chunks ({@code POST}, {@code PATCH}…, {@code PUT}). A chunked upload
 * that breaks asks the registry how far it got and goes on from there. {@link #prepare} makes the
 * requests without content and {@link #finish} sends it, so a caller can do them on different
 * threads.
 */
final class BlobPusher {

  private final RegistryCaller caller;

  BlobPusher(RegistryCaller caller) {
    this.caller = caller;
  }

  BlobPush push(
      String repository,
      Descriptor blob,
      BlobSource source,
      @Nullable String mountFrom,
      TransferListener listener) {
    checkSize(blob, source);
    return finish(prepare(repository, blob, mountFrom, listener), source, listener);
  }

  /** Asks whether the repository has the blob, then mounts it or opens an upload session. */
  PreparedBlobPush prepare(
      String repository, Descriptor blob, @Nullable String mountFrom, TransferListener listener) {
    Digest digest = blob.digest();
    TransportOptions options = caller.options();
    OptionalLong existing =
        caller.call(BlobChecker.pushing(repository, digest, options.requestTimeout()));
    if (existing.isPresent()) {
      listener.started(digest, blob.size(), blob.size());
      listener.finished(digest);
      return new PreparedBlobPush(
          repository,
          blob,
          mountFrom,
          new BlobPush(digest, BlobPush.Outcome.ALREADY_PRESENT, 0),
          null);
    }
    UploadStarter.Started started =
        caller.call(new UploadStarter(repository, digest, mountFrom, options.requestTimeout()));
    if (started.mounted()) {
      listener.started(digest, blob.size(), blob.size());
      listener.finished(digest);
      return new PreparedBlobPush(
          repository, blob, mountFrom, new BlobPush(digest, BlobPush.Outcome.MOUNTED, 0), null);
    }
    return new PreparedBlobPush(repository, blob, mountFrom, null, started.location());
  }

  /** Sends the content of a prepared push, starting a new upload when sending fails. */
  BlobPush finish(PreparedBlobPush prepared, BlobSource source, TransferListener listener) {
    BlobPush done = prepared.done();
    if (done != null) {
      return done;
    }
    String repository = prepared.repository();
    Descriptor blob = prepared.blob();
    Digest digest = blob.digest();
    checkSize(blob, source);
    AtomicLong sent = new AtomicLong();
    TransferListener counting =
        new TransferListener() {
          @Override
          public void transferred(Digest d, long bytes) {
            sent.addAndGet(bytes);
            listener.transferred(d, bytes);
          }
        };
    TransportOptions options = caller.options();
    RetryPolicy retry = options.retry();
    String location = prepared.location();
    for (int attempt = 1; ; attempt++) {
      if (location == null) {
        // Starting is retried by the caller itself; this loop restarts uploads whose sending
        // failed.
        UploadStarter.Started started =
            caller.call(
                new UploadStarter(
                    repository, digest, prepared.mountFrom(), options.requestTimeout()));
        if (started.mounted()) {
          listener.started(digest, blob.size(), blob.size());
          listener.finished(digest);
          return new BlobPush(digest, BlobPush.Outcome.MOUNTED, 0);
        }
        location = started.location();
      }
      try {
        listener.started(digest, blob.size(), 0);
        if (blob.size() <= options.chunkSize()) {
          caller.call(new UploadCompleter(repository, location, digest, source, counting));
        } else {
          location = uploadChunks(repository, digest, source, location, counting);
          caller.call(new UploadCompleter(repository, location, digest, null, counting));
        }
        listener.finished(digest);
        return new BlobPush(digest, BlobPush.Outcome.UPLOADED, sent.get());
      } catch (RegistryException e) {
        if (attempt >= retry.maxAttempts() || !RegistryCaller.isRetryable(e)) {
          throw e;
        }
        sleep(retry, attempt, e, repository, digest);
        location = null;
      }
    }
  }

  private static void checkSize(Descriptor blob, BlobSource source) {
    if (source.size() != blob.size()) {
      throw new IllegalArgumentException(
          "Blob "
              + blob.digest()
              + " is "
              + blob.size()
              + " bytes by its descriptor but its source has "
              + source.size());
    }
  }

  private String uploadChunks(
      String repository,
      Digest digest,
      BlobSource source,
      String location,
      TransferListener listener) {
    TransportOptions options = caller.options();
    long size = source.size();
    long offset = 0;
    int failures = 0;
    while (offset < size) {
      long length = Math.min(options.chunkSize(), size - offset);
      try {
        location =
            caller.call(
                new ChunkUploader(repository, location, digest, source, offset, length, listener));
        offset += length;
      } catch (RegistryException e) {
        failures++;
        if (failures >= options.retry().maxAttempts() || !RegistryCaller.isRetryable(e)) {
          throw e;
        }
        sleep(options.retry(), failures, e, repository, digest);
        UploadStatus.Progress progress =
            caller.call(
                new UploadStatus(
                    repository, location, digest.toString(), options.requestTimeout()));
        location = progress.location();
        offset = progress.received();
      }
    }
    return location;
  }

  private void sleep(
      RetryPolicy retry, int attempt, RegistryException cause, String repository, Digest digest) {
    try {
      Thread.sleep(retry.backoff(attempt, cause.retryAfter().orElse(null)).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryException(
          caller.registry(),
          repository,
          "push blob " + digest,
          0,
          List.of(),
          "interrupted while waiting to retry",
          "",
          e);
    }
  }
}
