package io.ferry.bundle;

import io.ferry.oci.Descriptor;
import io.ferry.oci.Digest;
import io.ferry.oci.FerryVersion;
import io.ferry.oci.HashWarmUp;
import io.ferry.oci.ImageRef;
import io.ferry.oci.Platform;
import io.ferry.oci.layout.OciLayoutWriter;
import io.ferry.oci.manifest.ImageManifest;
import io.ferry.oci.manifest.Manifest;
import io.ferry.platform.spec.PlatformSpec;
import io.ferry.platform.spec.PlatformSpecLoader;
import io.ferry.platform.spec.ServiceSpec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Creates a bundle from a platform spec: resolves every image first (so a missing image fails
 * before anything is written), lays out the tar (every blob's size is known, so each gets a fixed
 * region), checks the free space for its exact size, then pulls {@code parallel} blobs at a time
 * straight into their regions of a file under a temporary name beside the output, writes the small
 * files after them, and renames it into place only when it is complete and on disk.
 */
public final class BundleCreator {

  private final RegistryClients registries;
  private final Clock clock;
  private final CreateListener listener;

  public BundleCreator(RegistryClients registries, Clock clock, CreateListener listener) {
    this.registries = registries;
    this.clock = clock;
    this.listener = listener;
  }

  /** Writes the bundle {@code request} describes. */
  public CreateResult create(CreateRequest request) {
    Map<String, @Nullable Path> inputs = new LinkedHashMap<>();
    inputs.put("the spec", request.spec());
    inputs.put("the values file", request.values().orElse(null));
    OutputFile.requireWritable(request.output(), "the bundle", inputs);
    HashWarmUp.start(); // every blob is hashed on its way in; the spec and registries come first
    PlatformSpec spec = PlatformSpecLoader.load(request.spec(), request.values());
    List<Platform> platforms =
        request.platforms().isEmpty()
            ? spec.arches().stream().map(arch -> new Platform("linux", arch, null)).toList()
            : request.platforms();
    Path specDir = request.spec().toAbsolutePath().getParent();
    List<String> rules = RuleFiles.find(specDir, spec.monitoringRules());
    Map<String, @Nullable Path> ruleFiles = new LinkedHashMap<>();
    rules.forEach(rule -> ruleFiles.put("the rule file " + rule, specDir.resolve(rule)));
    OutputFile.requireNotAnInput(
        request.output(), "Tried to write the bundle to " + request.output() + " but ", ruleFiles);
    List<String> sources = imagesOf(spec);
    sources.stream()
        .flatMap(source -> registryOf(source).stream())
        .distinct()
        .forEach(registries::warmUpTlsFor);
    List<ResolvedImage> images = resolveAll(request, sources, platforms);

    List<ParallelBlobWriter.Job> jobs = jobs(images);
    List<Descriptor> blobs = jobs.stream().map(ParallelBlobWriter.Job::blob).toList();
    long total = blobs.stream().mapToLong(Descriptor::size).sum();
    Path output = request.output().toAbsolutePath();

    Instant created = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Path temp =
        output.resolveSibling("." + output.getFileName() + "." + UUID.randomUUID() + ".partial");
    long needed = total;
    boolean done = false;
    try (OnInterrupt interrupted = OnInterrupt.delete(temp)) {
      CreateResult result;
      try (TarBundleWriter tar = new TarBundleWriter(temp, created, blobs)) {
        // Every blob has its region in the tar's blob section, so the layout writer finds the
        // manifests there and only names them; its oci-layout and index.json, like every file
        // below, are written after the blob section, so the tar's exact size is known up front.
        OciLayoutWriter layout = new OciLayoutWriter(tar);
        List<BundleIndex.Image> indexImages = new ArrayList<>();
        for (ResolvedImage image : images) {
          layout.addManifest(image.top());
          image.ociForm().forEach(layout::addManifest);
          layout.tag(image.refName(), image.layoutTop().descriptor());
          indexImages.add(indexEntry(image));
        }
        layout.finish();
        String specPath = BundleLayout.SPEC_DIR + request.spec().getFileName();
        tar.putFile(specPath, Files.readAllBytes(request.spec()));
        String valuesPath = null;
        if (request.values().isPresent()) {
          valuesPath = BundleLayout.VALUES_DIR + request.values().get().getFileName();
          tar.putFile(valuesPath, Files.readAllBytes(request.values().get()));
        }
        for (String rule : rules) {
          tar.putFile(BundleLayout.RULES_DIR + rule, Files.readAllBytes(specDir.resolve(rule)));
        }
        PlatformSpec platformSpec = spec;
        String values = valuesPath;
        // The index names each compressed blob's stored size, known once it is written: the
        // free-space check takes an index with each one's bound (as long as the final one or
        // longer), and the index is made again after the blobs. Without compressed blobs both are
        // the same and the size is exact.
        Function<Map<Digest, Long>, BundleIndex> indexWith =
            stored ->
                new BundleIndex(
                    stored.isEmpty() ? BundleIndex.FORMAT : BundleIndex.FORMAT_COMPRESSED,
                    new BundleIndex.PlatformInfo(
                        platformSpec.name(),
                        platformSpec.version(),
                        platformSpec.registry().host(),
                        platformSpec.registry().project(),
                        specPath,
                        values),
                    created.toString(),
                    FerryVersion.get(),
                    platforms.stream().map(Platform::toString).toList(),
                    indexImages,
                    blobs.stream()
                        .map(
                            b ->
                                stored.containsKey(b.digest())
                                    ? new BundleIndex.Blob(
                                        b.digest().toString(),
                                        b.size(),
                                        b.mediaType(),
                                        BundleIndex.Blob.GZIP,
                                        stored.get(b.digest()))
                                    : new BundleIndex.Blob(
                                        b.digest().toString(), b.size(), b.mediaType()))
                        .toList(),
                    tar.files());
        byte[] bound = indexWith.apply(tar.storedSizeBounds()).toJson();
        List<Map.Entry<String, byte[]>> boundFiles = new ArrayList<>();
        boundFiles.add(Map.entry(BundleLayout.INDEX, bound));
        if (request.signingKey().isPresent()) {
          boundFiles.add(Map.entry(BundleLayout.SIGNATURE, request.signingKey().get().sign(bound)));
        }
        needed = tar.sizeBound(boundFiles);
        checkFreeSpace(output, needed);
        listener.writing(total, blobs.size());
        new ParallelBlobWriter(request.parallel()).write(jobs, tar, output.toString());
        BundleIndex index = indexWith.apply(tar.storedSizes());
        byte[] json = index.toJson();
        tar.putUnlisted(BundleLayout.INDEX, json);
        if (request.signingKey().isPresent()) {
          tar.putUnlisted(BundleLayout.SIGNATURE, request.signingKey().get().sign(json));
        }
        tar.finish();
        result =
            new CreateResult(
                request.output(), index, Digest.of(json), request.signingKey().isPresent());
      }
      Files.move(temp, output, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      done = true;
      listener.written(output);
      for (String clash : PushPlan.nameClashes(result.index())) {
        listener.warning(
            clash + ": push and serve refuse this until --map SRC=DST gives one another name");
      }
      return result;
    } catch (IOException | UncheckedIOException e) {
      throw new BundleException(
          "Tried to write the bundle "
              + output
              + " but failed: "
              + e.getMessage()
              + " (it needs "
              + needed
              + " bytes on "
              + output.getParent()
              + "; no partial file was left)",
          e);
    } finally {
      if (!done) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException e) {
          // the original failure matters more; the temp name says what it is
        }
      }
    }
  }

  /** The registry of an image reference; none for an invalid one, reported when resolved. */
  private static Optional<String> registryOf(String source) {
    try {
      return Optional.of(ImageRef.parse(source).registry());
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static List<String> imagesOf(PlatformSpec spec) {
    Set<String> images = new LinkedHashSet<>();
    spec.services().values().stream().map(ServiceSpec::image).forEach(images::add);
    images.addAll(spec.images());
    return List.copyOf(images);
  }

  /**
   * Resolves every image, {@code parallel} at a time (each is a few small requests, so latency
   * rather than bandwidth), reporting them in the spec's order from this thread.
   */
  private List<ResolvedImage> resolveAll(
      CreateRequest request, List<String> sources, List<Platform> platforms) {
    ImageResolver resolver =
        new ImageResolver(registries, platforms, request.allowMissingPlatforms());
    List<ResolvedImage> resolved = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    ExecutorService pool =
        DaemonPool.fixed(
            Math.max(1, Math.min(request.parallel(), sources.size())), "ferry-resolve");
    try {
      List<Future<ResolvedImage>> futures = new ArrayList<>();
      for (String source : sources) {
        futures.add(pool.submit(() -> resolver.resolve(source)));
      }
      for (int i = 0; i < sources.size(); i++) {
        String source = sources.get(i);
        try {
          ResolvedImage image = futures.get(i).get();
          listener.resolved(source, image.top().digest().toString(), image.sourceDigest());
          List<String> missing = missingPlatforms(image, platforms);
          if (!missing.isEmpty()) {
            listener.partial(source, missing, List.copyOf(image.manifests().keySet()));
          }
          resolved.add(image);
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          problems.add(source + ": " + (cause.getMessage() != null ? cause.getMessage() : cause));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BundleException(
          "Interrupted while reading the images for "
              + request.output()
              + " (no bundle was written)",
          e);
    } finally {
      pool.shutdownNow();
    }
    if (!problems.isEmpty()) {
      throw new BundleException(
          "Tried to create the bundle "
              + request.output()
              + " but "
              + problems.size()
              + " of "
              + sources.size()
              + " images could not be read (no bundle was written):\n  - "
              + String.join("\n  - ", problems));
    }
    return resolved;
  }

  /**
   * The wanted platforms {@code image} has no manifest for (none for an artifact, whose platform is
   * unknown): what the resolver let through when the request allows missing platforms.
   */
  private static List<String> missingPlatforms(ResolvedImage image, List<Platform> platforms) {
    if (image.manifests().containsKey("unknown")) {
      return List.of();
    }
    List<Platform> carried = image.manifests().keySet().stream().map(Platform::parse).toList();
    return platforms.stream()
        .filter(wanted -> carried.stream().noneMatch(wanted::matches))
        .map(Platform::toString)
        .toList();
  }

  /**
   * One job per blob, from the first image naming it: manifests and configs already read come from
   * memory, everything else from the image's registry and repository.
   */
  private List<ParallelBlobWriter.Job> jobs(List<ResolvedImage> images) {
    Map<String, ParallelBlobWriter.Job> jobs = new LinkedHashMap<>();
    for (ResolvedImage image : images) {
      Map<String, byte[]> inMemory = new HashMap<>(image.configs());
      for (ImageManifest manifest : image.manifests().values()) {
        inMemory.put(manifest.digest().toString(), manifest.raw());
      }
      Manifest top = image.top();
      inMemory.put(top.digest().toString(), top.raw());
      for (Manifest form : image.ociForm()) {
        inMemory.put(form.digest().toString(), form.raw());
      }
      String from = image.ref().registry() + "/" + image.ref().repository();
      for (Descriptor blob : image.blobs()) {
        String digest = blob.digest().toString();
        if (jobs.containsKey(digest)) {
          continue;
        }
        byte[] bytes = inMemory.get(digest);
        Supplier<InputStream> content =
            bytes != null
                ? () -> {
                  listener.transferred(blob.digest(), bytes.length); // progress reaches 100 %
                  return new ByteArrayInputStream(bytes);
                }
                : () ->
                    registries
                        .client(image.ref().registry())
                        .pullBlob(image.ref().repository(), blob, listener);
        jobs.put(digest, new ParallelBlobWriter.Job(blob, from, content));
      }
    }
    return List.copyOf(jobs.values());
  }

  private static BundleIndex.Image indexEntry(ResolvedImage image) {
    Map<String, String> manifests = new LinkedHashMap<>();
    image.manifests().forEach((platform, m) -> manifests.put(platform, m.digest().toString()));
    long size = image.blobs().stream().mapToLong(Descriptor::size).sum();
    return new BundleIndex.Image(
        image.source(),
        image.refName(),
        image.top().mediaType(),
        image.top().digest().toString(),
        image.sourceDigest(),
        manifests,
        size,
        image.ociForm().isEmpty() ? null : image.layoutTop().digest().toString());
  }

  private static void checkFreeSpace(Path output, long needed) {
    Path dir = output.getParent();
    try {
      long usable = Files.getFileStore(dir).getUsableSpace();
      if (usable < needed) {
        throw new BundleException(
            "Tried to create the bundle "
                + output
                + " but "
                + dir
                + " has "
                + usable
                + " bytes free and the bundle needs "
                + needed
                + " (free some space or write the bundle elsewhere)");
      }
    } catch (IOException e) {
      throw new BundleException(
          "Tried to create the bundle " + output + " but its folder cannot be used: " + e, e);
    }
  }
}
