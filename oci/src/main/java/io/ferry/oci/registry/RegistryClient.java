package io.ferry.oci.registry;

import io.ferry.oci.Descriptor;
import io.ferry.oci.Digest;
import io.ferry.oci.ImageRef;
import io.ferry.oci.TransferListener;
import io.ferry.oci.VerifyingInputStream;
import io.ferry.oci.auth.Authenticator;
import io.ferry.oci.auth.CredentialProvider;
import io.ferry.oci.manifest.Manifest;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * A client for one OCI registry ({@code host[:port]}): manifests, blobs, mounts, tags and the
 * catalog, authenticated and retried, with every read verified against its digest. Thread-safe;
 * make one per registry and share it between parallel transfers.
 */
public final class RegistryClient {

  private static final int PAGE_SIZE = 1000;

  private final RegistryCaller caller;
  private final TransportOptions options;
  private final int pageSize;

  private RegistryClient(RegistryCaller caller, TransportOptions options, int pageSize) {
    this.caller = caller;
    this.options = options;
    this.pageSize = pageSize;
  }

  /** Starts a client for {@code registry} ({@code host[:port]}, as in an {@link ImageRef}). */
  public static Builder builder(String registry) {
    return new Builder(registry);
  }

  /** The registry, {@code host[:port]}. */
  public String registry() {
    return caller.registry();
  }

  /** The API's base, e.g. {@code https://registry.local}. */
  public URI baseUri() {
    return caller.base();
  }

  /** {@code GET /v2/}: fails with a hint unless this is a registry that accepts our credentials. */
  public void ping() {
    caller.call(new Ping());
  }

  /** Pulls a manifest or index by tag or digest, verified against the digest. */
  public Manifest pullManifest(String repository, String reference) {
    return caller.call(
        new ManifestPuller(registry(), repository, reference, options.requestTimeout()));
  }

  /** Pulls what {@code image} names (its digest when it has one, else its tag). */
  public Manifest pullManifest(ImageRef image) {
    return pullManifest(image.repository(), image.reference());
  }

  /** {@code HEAD} of a manifest: its descriptor, or empty when there is no such tag or digest. */
  public Optional<Descriptor> checkManifest(String repository, String reference) {
    return caller.call(new ManifestChecker(repository, reference, options.requestTimeout()));
  }

  /**
   * Pushes a manifest's exact bytes under {@code reference}, a tag or its digest; every blob it
   * names must be in the repository already.
   */
  public Digest pushManifest(String repository, String reference, Manifest manifest) {
    return caller.call(
        new ManifestPusher(repository, reference, manifest, options.requestTimeout()));
  }

  /** {@code HEAD} of a blob: whether the repository has it. */
  public boolean hasBlob(String repository, Digest digest) {
    return caller
        .call(BlobChecker.pulling(repository, digest, options.requestTimeout()))
        .isPresent();
  }

  /**
   * {@code HEAD} of a blob: its size when the repository has it (-1 if the registry did not say).
   */
  public OptionalLong checkBlob(String repository, Digest digest) {
    return caller.call(BlobChecker.pulling(repository, digest, options.requestTimeout()));
  }

  /**
   * A stream of the blob that resumes with {@code Range} when the connection breaks and throws
   * {@link io.ferry.oci.DigestMismatchException} at its end unless the content matches {@code
   * blob}'s size and digest. Close it.
   */
  public InputStream pullBlob(String repository, Descriptor blob) {
    return pullBlob(repository, blob, TransferListener.NONE);
  }

  /** As {@link #pullBlob(String, Descriptor)}, telling {@code listener} about the bytes. */
  public InputStream pullBlob(String repository, Descriptor blob, TransferListener listener) {
    listener.started(blob.digest(), blob.size(), 0);
    return new VerifyingInputStream(
        new CountingInputStream(
            new ResumingBlobStream(caller, repository, blob.digest(), blob.size(), 0),
            blob.digest(),
            listener),
        blob.digest(),
        blob.size(),
        "blob " + blob.digest() + " from " + registry() + "/" + repository);
  }

  /**
   * The blob from byte {@code offset} on, unverified (the caller holds the first bytes and must
   * verify the whole; {@link #pullBlobTo} does).
   */
  public InputStream pullBlobRange(String repository, Digest digest, long offset) {
    return caller.call(new BlobPuller(repository, digest, offset));
  }

  /**
   * Pulls a blob into {@code file}, resuming from {@code <file>.partial} when an earlier pull was
   * cut off; {@code file} appears only once the content is verified.
   */
  public void pullBlobTo(String repository, Descriptor blob, Path file, TransferListener listener) {
    new BlobDownloader(caller).download(repository, blob, file, listener);
  }

  /**
   * Pushes a blob unless the repository has it: whole when it is at most the chunk size, in chunks
   * otherwise; retried and resumed as the {@link RetryPolicy} allows.
   */
  public BlobPush pushBlob(
      String repository, Descriptor blob, BlobSource source, TransferListener listener) {
    return new BlobPusher(caller).push(repository, blob, source, null, listener);
  }

  /**
   * As {@link #pushBlob}, but first asks the registry to mount the blob from {@code fromRepository}
   * on the same registry, which sends no content when it works.
   */
  public BlobPush pushBlob(
      String repository,
      Descriptor blob,
      BlobSource source,
      @Nullable String fromRepository,
      TransferListener listener) {
    return new BlobPusher(caller).push(repository, blob, source, fromRepository, listener);
  }

  /**
   * The first half of {@link #pushBlob(String, Descriptor, BlobSource, String, TransferListener)}:
   * asks whether {@code repository} has the blob, else mounts it from {@code fromRepository} when
   * given, else opens an upload session; sends no content.
   */
  public PreparedBlobPush prepareBlobPush(
      String repository,
      Descriptor blob,
      @Nullable String fromRepository,
      TransferListener listener) {
    return new BlobPusher(caller).prepare(repository, blob, fromRepository, listener);
  }

  /**
   * The second half: sends the content of a {@link PreparedBlobPush#needsContent prepared push}
   * into its upload session (a new one if sending fails and is retried); returns at once for one
   * that is done.
   */
  public BlobPush finishBlobPush(
      PreparedBlobPush prepared, BlobSource source, TransferListener listener) {
    return new BlobPusher(caller).finish(prepared, source, listener);
  }

  /**
   * Asks the registry to link a blob from {@code fromRepository} into {@code repository}; false
   * when it would not (the upload it opened instead is left to expire).
   */
  public boolean mountBlob(String repository, Digest digest, String fromRepository) {
    return caller
        .call(new UploadStarter(repository, digest, fromRepository, options.requestTimeout()))
        .mounted();
  }

  /** Every tag of a repository, following {@code Link} pagination. */
  public List<String> listTags(String repository) {
    List<String> tags = new ArrayList<>();
    String next = null;
    do {
      TagLister.Page page =
          caller.call(TagLister.tags(repository, next, pageSize, options.requestTimeout()));
      tags.addAll(page.names());
      next = page.next();
    } while (next != null);
    return tags;
  }

  /** Every repository in the registry ({@code /v2/_catalog}), following {@code Link} pagination. */
  public List<String> catalog() {
    List<String> repositories = new ArrayList<>();
    String next = null;
    do {
      TagLister.Page page =
          caller.call(TagLister.catalog(next, pageSize, options.requestTimeout()));
      repositories.addAll(page.names());
      next = page.next();
    } while (next != null);
    return repositories;
  }

  /** Configures a {@link RegistryClient}. */
  public static final class Builder {
    private final String registry;
    private CredentialProvider credentials = CredentialProvider.anonymous();
    private TransportOptions transport = TransportOptions.defaults();
    private Clock clock = Clock.systemUTC();
    private int pageSize = PAGE_SIZE;

    private Builder(String registry) {
      String problem = ImageRef.registryProblem(registry);
      if (problem != null) {
        throw new IllegalArgumentException("Registry was '" + registry + "' but " + problem);
      }
      this.registry = registry;
    }

    /** Where credentials come from; anonymous unless set. */
    public Builder credentials(CredentialProvider provider) {
      this.credentials = provider;
      return this;
    }

    /** TLS, plain HTTP, timeouts, retries and chunk size. */
    public Builder transport(TransportOptions options) {
      this.transport = options;
      return this;
    }

    /** The clock token expiry is judged by (tests). */
    public Builder clock(Clock newClock) {
      this.clock = newClock;
      return this;
    }

    /** How many tags or repositories to ask for per page of a listing. */
    public Builder pageSize(int newPageSize) {
      if (newPageSize < 1) {
        throw new IllegalArgumentException(
            "pageSize was " + newPageSize + " but it must be positive");
      }
      this.pageSize = newPageSize;
      return this;
    }

    public RegistryClient build() {
      String host = registry.equals(ImageRef.DOCKER_HUB) ? "registry-1.docker.io" : registry;
      URI base = URI.create(transport.schemeFor(registry) + "://" + host);
      // TLS is set up when the first https connection needs it: a plain-HTTP site registry never
      // loads the JDK's CA certificates. A bad --ca-file still fails on that first connection.
      Http1Client http =
          new Http1Client(
              transport.connectTimeout(),
              transport.requestTimeout(),
              new Lazy<>(() -> HttpClients.sslContext(transport).getSocketFactory()));
      Authenticator authenticator =
          new Authenticator(
              registry,
              new Lazy<>(() -> HttpClients.create(transport)),
              credentials,
              transport.requestTimeout(),
              clock);
      return new RegistryClient(
          new RegistryCaller(registry, base, http, authenticator, transport), transport, pageSize);
    }
  }
}
