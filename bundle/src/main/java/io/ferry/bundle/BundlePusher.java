package io.ferry.bundle;

import io.ferry.oci.Descriptor;
import io.ferry.oci.ImageRef;
import io.ferry.oci.RegistryException;
import io.ferry.oci.registry.BlobPush;
import io.ferry.oci.registry.BlobSource;
import io.ferry.oci.registry.RegistryClient;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;

/**
 * Pushes a bundle into a site registry: checks the bundle's structure, index, signature and
 * manifests first, then uploads blobs in parallel straight from their regions of the bundle file
 * (on plain HTTP the kernel sends them: they never enter the JVM). Each blob's content is checked
 * against its digest by the registry, which must refuse an upload that does not match ({@code
 * DIGEST_INVALID}): a corrupted blob is reported as such and nothing is tagged. That check is made
 * after the network, on what the registry stores, and leaves the pushing machine's CPU to the
 * registry (measured on the 816 MiB benchmark: hashing on the client as well cost 1.1 CPU-seconds
 * and 0.4 s of the push on 2 cores). Blobs the registry has are skipped, one already pushed to
 * another repository is mounted. An image's manifests are pushed by digest as soon as all its blobs
 * are in, and the tags only after every blob and manifest, so a failure leaves nothing tagged.
 * Rerunning a push that was cut off sends only the blobs the registry does not have yet.
 */
public final class BundlePusher {

  /** Threads making the requests without content, ahead of the sending ones. */
  private static final int PREPARERS = 2;

  /** Tags pushed at once at least: each is one small request. */
  private static final int TAG_PARALLEL = 16;

  private final RegistryClients registries;
  private final PushListener listener;

  public BundlePusher(RegistryClients registries, PushListener listener) {
    this.registries = registries;
    this.listener = listener;
  }

  public PushResult push(PushRequest request) {
    long started = System.nanoTime();
    request
        .registry()
        .ifPresent(
            registry -> {
              String problem = ImageRef.registryProblem(registry);
              if (problem != null) {
                throw new BundleException(
                    "Tried to push "
                        + request.bundle()
                        + " to the registry '"
                        + registry
                        + "' but that is no registry address: "
                        + problem
                        + ". Nothing was sent.");
              }
              registries.warmUpTlsFor(registry); // else known after the bundle check
            });
    BundleFile bundle = BundleFile.open(request.bundle());
    VerifyReport report =
        new BundleVerifier(listener::verified).verifyStructure(bundle, request.key());
    if (!report.ok()) {
      boolean onlySignature =
          request.key().isPresent()
              && report.index() != null
              && report.signature() == VerifyReport.SignatureStatus.INVALID
              && report.problems().size() == 1;
      throw new BundleException(
          "Tried to push "
              + request.bundle()
              + " but it failed verification, so nothing was pushed ("
              + (onlySignature
                  ? "its signature does not verify with --key: another key signed it, it is"
                      + " unsigned, or its index was changed"
                  : "the bundle is corrupted or not a Ferry bundle; 'ferry bundle verify' checks"
                      + " every blob")
              + "):\n  - "
              + String.join("\n  - ", report.problems()));
    }
    listener.checked(report.signature());
    BundleIndex index = report.index();
    String registry = request.registry().orElse(index.platform().registryHost());
    String project = request.project().orElse(index.platform().registryProject());
    registries.warmUpTlsFor(registry);
    List<PushPlan.Target> targets =
        PushPlan.plan(bundle, index, report.manifests(), registry, project, request.map());
    RegistryClient client = registries.client(registry);

    List<String> createdProjects = List.of();
    if (request.harbor()) {
      List<String> projects =
          targets.stream().map(t -> t.repository().split("/", 2)[0]).distinct().toList();
      createdProjects =
          new HarborProjects(
                  registry,
                  registries.credentials().credentialsFor(registry),
                  registries.transport())
              .ensure(projects);
      createdProjects.forEach(listener::projectCreated);
    }

    Map<String, List<String>> reposByBlob = new LinkedHashMap<>();
    Map<String, Descriptor> blobs = new HashMap<>();
    for (PushPlan.Target target : targets) {
      for (Descriptor blob : target.blobs()) {
        List<String> repos =
            reposByBlob.computeIfAbsent(blob.digest().toString(), d -> new ArrayList<>());
        if (!repos.contains(target.repository())) {
          repos.add(target.repository());
        }
        blobs.put(blob.digest().toString(), blob);
      }
    }
    listener.uploading(
        blobs.values().stream().mapToLong(Descriptor::size).sum(), reposByBlob.size());
    Map<String, BlobPush> pushed;
    try (ManifestsWhenReady manifests =
        new ManifestsWhenReady(targets, client, request.parallel())) {
      pushed =
          uploadBlobs(
              new BlobSources(bundle, index),
              client,
              request.parallel(),
              reposByBlob,
              blobs,
              manifests);
      awaitAll(
          manifests.pushes(), "push the manifests of " + bundle.path() + " (no image was tagged)");
    }
    int uploadedCount =
        (int)
            pushed.values().stream().filter(p -> p.outcome() == BlobPush.Outcome.UPLOADED).count();
    int skippedCount = pushed.size() - uploadedCount;

    // The tags last, only once every manifest is in. Each is one small request whose time is mostly
    // the registry syncing files, and a disk commits concurrent syncs together: at least
    // TAG_PARALLEL at a time, whatever --parallel says.
    runAll(
        targets.stream()
            .filter(target -> target.tag().isPresent())
            .<Runnable>map(
                target ->
                    () ->
                        client.pushManifest(target.repository(), target.tag().get(), target.top()))
            .toList(),
        Math.max(request.parallel(), TAG_PARALLEL),
        "tag the images of " + bundle.path() + " (rerun to tag the rest)");
    List<PushResult.ImageResult> images = new ArrayList<>();
    for (PushPlan.Target target : targets) {
      String reference = target.tag().orElse(target.top().digest().toString());
      String targetRef =
          registry
              + "/"
              + target.repository()
              + (target.tag().isPresent() ? ":" + reference : "@" + reference);
      listener.tagged(targetRef);
      long sent = 0;
      long skipped = 0;
      for (Descriptor blob : target.blobs()) {
        BlobPush push = pushed.remove(target.repository() + "@" + blob.digest());
        if (push != null) {
          sent += push.bytesSent();
          skipped += push.outcome() == BlobPush.Outcome.UPLOADED ? 0 : blob.size();
        }
      }
      images.add(
          new PushResult.ImageResult(
              target.image().source(), targetRef, target.top().digest().toString(), sent, skipped));
    }
    long sentTotal = images.stream().mapToLong(PushResult.ImageResult::bytesSent).sum();
    long skippedTotal = images.stream().mapToLong(PushResult.ImageResult::bytesSkipped).sum();
    return new PushResult(
        request.bundle().toString(),
        String.valueOf(report.indexDigest()),
        report.signature().word(),
        registry,
        images,
        sentTotal,
        skippedTotal,
        uploadedCount,
        skippedCount,
        createdProjects,
        (System.nanoTime() - started) / 1e9);
  }

  /**
   * Each blob goes into its first repository (unless it has it), and every other repository mounts
   * it from there, so shared layers cross the wire once. The first repository tries a mount from
   * the second too, so a rerun after a cut-off push does not resend a blob that reached only
   * another repository.
   *
   * <p>The content goes over {@code parallel} connections that do nothing else; two more make the
   * requests without content ahead of them ({@code HEAD}, the {@code POST} that opens an upload
   * session or mounts, up to {@code 2 × parallel} sessions ahead) and the mounts into the other
   * repositories. A registry answers those after a round trip and, for a {@code POST}, a write to
   * its disk (~30 ms each on the benchmark's registry); made on the sending connections, they left
   * each idle between two blobs.
   */
  private Map<String, BlobPush> uploadBlobs(
      BlobSources bundle,
      RegistryClient client,
      int parallel,
      Map<String, List<String>> reposByBlob,
      Map<String, Descriptor> blobs,
      ManifestsWhenReady manifests) {
    ExecutorService senders = DaemonPool.fixed(parallel, "ferry-push");
    ExecutorService preparers = DaemonPool.fixed(PREPARERS, "ferry-push-prepare");
    Semaphore ahead = new Semaphore(2 * parallel);
    AtomicBoolean failed = new AtomicBoolean();
    Map<String, BlobPush> results = new ConcurrentHashMap<>();
    List<CompletableFuture<Void>> futures = new ArrayList<>();
    try {
      for (Map.Entry<String, List<String>> entry : reposByBlob.entrySet()) {
        ahead.acquire();
        if (failed.get()) {
          break;
        }
        Descriptor blob = blobs.get(entry.getKey());
        List<String> repositories = entry.getValue();
        String first = repositories.get(0);
        String mountFrom = repositories.size() > 1 ? repositories.get(1) : null;
        CompletableFuture<Void> done =
            step(failed, preparers, () -> client.prepareBlobPush(first, blob, mountFrom, listener))
                .thenCompose(
                    prepared ->
                        prepared.needsContent()
                            ? step(
                                failed,
                                senders,
                                () -> client.finishBlobPush(prepared, bundle.of(blob), listener))
                            : CompletableFuture.completedFuture(prepared.done()))
                .whenComplete((push, failure) -> ahead.release())
                .thenCompose(
                    push -> {
                      results.put(first + "@" + blob.digest(), push);
                      return CompletableFuture.allOf(
                          repositories.stream()
                              .skip(1)
                              .map(
                                  repository ->
                                      step(
                                          failed,
                                          preparers,
                                          () ->
                                              results.put(
                                                  repository + "@" + blob.digest(),
                                                  client.pushBlob(
                                                      repository,
                                                      blob,
                                                      bundle.of(blob),
                                                      first,
                                                      listener))))
                              .toArray(CompletableFuture[]::new));
                    })
                .thenRun(() -> manifests.blobIn(entry.getKey()))
                .whenComplete(
                    (ignored, failure) -> {
                      if (failure != null && !failed.getAndSet(true)) {
                        ahead.release(reposByBlob.size()); // the loop above stops feeding
                      }
                    });
        futures.add(done);
      }
      // Every blob's work ends: after a failure, what had not started yet skips itself (Skipped)
      // and what was being sent finishes, so a rerun has that much less to send. Nothing is
      // cancelled: a cancelled future could hide the failure that is completing it.
      List<String> failures = new ArrayList<>();
      boolean corrupted = false;
      boolean allRegistryWide = true;
      int notTried = reposByBlob.size() - futures.size(); // the loop stopped feeding
      for (CompletableFuture<Void> future : futures) {
        try {
          future.get();
        } catch (ExecutionException e) {
          Throwable cause =
              e.getCause() instanceof CompletionException c ? c.getCause() : e.getCause();
          if (cause instanceof Skipped) {
            notTried++;
          } else {
            failures.add(String.valueOf(cause.getMessage()));
            corrupted |= isCorruptedBlob(cause);
            allRegistryWide &= isRegistryWide(cause);
          }
        }
      }
      List<String> causes = corrupted ? failures : sameCauseOnce(failures);
      if (!failures.isEmpty() && allRegistryWide && causes.size() == 1) {
        // Not the blobs: the registry cannot be reached, trusted or logged in to. Counting blobs
        // or suggesting a rerun would send the user the wrong way.
        throw new BundleException(
            "Tried to push "
                + bundle.path()
                + " but could not connect to the registry, or not over TLS, so no image was"
                + " tagged; once that works, a rerun sends only what is missing:\n  - "
                + causes.get(0));
      }
      if (!failures.isEmpty()) {
        throw new BundleException(
            "Tried to push the blobs of "
                + bundle.path()
                + " but "
                + failures.size()
                + " of "
                + reposByBlob.size()
                + (reposByBlob.size() == 1 ? " blob" : " blobs")
                + " failed"
                + (notTried > 0 ? " (" + notTried + " more not tried after the first failure)" : "")
                + ", so no image was tagged ("
                + (corrupted
                    ? "the bundle is corrupted: run 'ferry bundle verify' on it and get a good copy"
                    : "rerun to send only what is missing")
                + "):\n  - "
                // Each corrupted blob is named; a cause they share is told once.
                + String.join("\n  - ", causes));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BundleException("Interrupted while pushing the blobs of " + bundle.path(), e);
    } finally {
      senders.shutdownNow();
      preparers.shutdownNow();
    }
    return new HashMap<>(results);
  }

  /**
   * The failures, or the first one alone when all have the same cause (no CA, a wrong password, a
   * registry that is down: the registry-wide problem once, not once per blob).
   */
  static List<String> sameCauseOnce(List<String> failures) {
    Set<String> causes = new HashSet<>();
    for (String failure : failures) {
      int because = failure.indexOf(" because: ");
      causes.add(because < 0 ? failure : failure.substring(because));
    }
    if (failures.size() < 2 || causes.size() > 1) {
      return failures;
    }
    return List.of(failures.get(0) + " (and the same for the other " + (failures.size() - 1) + ")");
  }

  /**
   * One step of a blob's push, run on {@code pool}; it ends at once ({@link Skipped}) when another
   * blob failed meanwhile: the push is over.
   */
  private static <T> CompletableFuture<T> step(
      AtomicBoolean failed, ExecutorService pool, Supplier<T> work) {
    return CompletableFuture.supplyAsync(
        () -> {
          if (failed.get()) {
            throw new Skipped();
          }
          return work.get();
        },
        pool);
  }

  /** A step not taken because another blob failed; that failure is the one reported. */
  private static final class Skipped extends RuntimeException {
    Skipped() {
      super("skipped after another blob failed", null, false, false);
    }
  }

  /** Runs {@code tasks}, {@code parallel} at a time, and {@link #awaitAll waits} for them. */
  private static void runAll(List<Runnable> tasks, int parallel, String what) {
    if (tasks.isEmpty()) {
      return;
    }
    ExecutorService pool = DaemonPool.fixed(Math.min(parallel, tasks.size()), "ferry-push");
    try {
      awaitAll(tasks.stream().<Future<?>>map(pool::submit).toList(), what);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Waits for every one of {@code futures}; throws naming each that failed. */
  private static void awaitAll(List<Future<?>> futures, String what) {
    List<String> failures = new ArrayList<>();
    try {
      for (Future<?> future : futures) {
        try {
          future.get();
        } catch (ExecutionException e) {
          failures.add(String.valueOf(e.getCause().getMessage()));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BundleException("Interrupted while trying to " + what, e);
    }
    if (!failures.isEmpty()) {
      throw new BundleException(
          "Tried to "
              + what
              + " but "
              + failures.size()
              + " of "
              + futures.size()
              + " failed:\n  - "
              + String.join("\n  - ", failures));
    }
  }

  /** Each blob's content in the bundle, as the index says it is stored. */
  private static final class BlobSources {
    private final BundleFile bundle;
    private final Map<String, BundleIndex.Blob> listed = new HashMap<>();

    BlobSources(BundleFile bundle, BundleIndex index) {
      this.bundle = bundle;
      index.blobs().forEach(blob -> listed.put(blob.digest(), blob));
    }

    BlobSource of(Descriptor blob) {
      return bundle.blobSource(listed.get(blob.digest().toString())).orElseThrow();
    }

    Path path() {
      return bundle.path();
    }
  }

  /**
   * A failure to connect at all: no connection, no route, no name, no TLS. Not a 401 or 403, which
   * can be one repository's (a Harbor project's quota or permissions) and whose own hints say so.
   */
  private static boolean isRegistryWide(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SSLException
          || t instanceof ConnectException
          || t instanceof HttpConnectTimeoutException
          || t instanceof UnknownHostException
          || t instanceof NoRouteToHostException) {
        return true;
      }
    }
    return false;
  }

  /** The registry found that the bytes sent for a blob do not hash to its digest. */
  private static boolean isCorruptedBlob(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof RegistryException e && e.errorCodes().contains("DIGEST_INVALID")) {
        return true;
      }
    }
    return false;
  }
}
