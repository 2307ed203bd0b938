package io.ferry.bundle;

import io.ferry.oci.MediaTypes;
import io.ferry.oci.manifest.Manifest;
import java.nio.charset.StandardCharsets;

/**
 * Readies, on another core, what every bundle command does first: reading a bundle index and
 * manifests as JSON. Started before the command line is parsed, it loads and runs the JSON reader
 * ({@link io.ferry.oci.JsonTree}) and the index's and manifests' classes while the main thread is
 * still busy with picocli; when they were read through an ObjectMapper, which this also set up, the
 * first request of a push went out ~0.1 s sooner on 2 cores. Nothing depends on it: a failure only
 * leaves that work to the command itself.
 */
public final class BundleWarmUp {

  private static final String INDEX =
      """
      {"format":"ferry.dev/bundle/v2","platform":{"name":"warm-up","version":"0"},
       "images":[{"source":"r/a:1","refName":"a","mediaType":"m","digest":"sha256:00",
         "sourceDigest":"sha256:00","manifests":{"linux/amd64":"sha256:00"},"size":1}],
       "blobs":[{"digest":"sha256:00","size":1,"mediaType":"m"}],
       "files":[{"path":"p","size":1,"sha256":"00"}],"platforms":["linux/amd64"]}
      """;
  // Constant expressions, folded by the compiler: a String.formatted here ran java.util.Formatter
  // cold on the main thread when start() initialised this class (~10 ms before the first request).
  private static final String DIGEST =
      "sha256:0000000000000000000000000000000000000000000000000000000000000000";
  private static final String MANIFEST =
      "{\"schemaVersion\":2,\"mediaType\":\""
          + MediaTypes.OCI_MANIFEST
          + "\",\"config\":{\"mediaType\":\""
          + MediaTypes.OCI_CONFIG
          + "\",\"digest\":\""
          + DIGEST
          + "\",\"size\":1},\"layers\":[{\"mediaType\":\""
          + MediaTypes.OCI_LAYER
          + "\",\"digest\":\""
          + DIGEST
          + "\",\"size\":1}]}";
  private static final String IMAGE_INDEX =
      "{\"schemaVersion\":2,\"mediaType\":\""
          + MediaTypes.OCI_INDEX
          + "\",\"manifests\":[{\"mediaType\":\""
          + MediaTypes.OCI_MANIFEST
          + "\",\"digest\":\""
          + DIGEST
          + "\",\"size\":1,\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"}}]}";

  private BundleWarmUp() {}

  /** Starts the warm-up on a daemon thread; returns at once. */
  public static void start() {
    Thread thread = new Thread(BundleWarmUp::run, "ferry-warm-up");
    thread.setDaemon(true);
    thread.start();
  }

  private static void run() {
    try {
      readSamples();
    } catch (RuntimeException e) {
      // nothing depends on it: the command does this work itself
    }
  }

  /** Reads a small index, manifest and image index the way a bundle command reads them. */
  static void readSamples() {
    BundleIndex index = BundleIndex.parse(INDEX.getBytes(StandardCharsets.UTF_8), "the warm-up");
    if (index.images().isEmpty()) {
      throw new IllegalStateException("the warm-up's index has no image");
    }
    Manifest.parse(MANIFEST.getBytes(StandardCharsets.UTF_8), null);
    Manifest.parse(IMAGE_INDEX.getBytes(StandardCharsets.UTF_8), null);
  }
}
