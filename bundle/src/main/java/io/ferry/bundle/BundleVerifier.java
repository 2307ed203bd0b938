package io.ferry.bundle;

import io.ferry.oci.Descriptor;
import io.ferry.oci.Digest;
import io.ferry.oci.DigestMismatchException;
import io.ferry.oci.HashWarmUp;
import io.ferry.oci.layout.LayoutIndex;
import io.ferry.oci.layout.OciLayout;
import io.ferry.oci.manifest.ImageIndex;
import io.ferry.oci.manifest.ImageManifest;
import io.ferry.oci.manifest.Manifest;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;

/**
 * Checks a bundle completely: the tar's entries, the index and its signature, the size and sha256
 * of every blob and file, and that every image's manifests name only blobs the bundle holds. Every
 * problem is reported, not just the first.
 */
public final class BundleVerifier {

  private static final int MAX_INDEX = 64 * 1024 * 1024;
  private static final int MAX_MANIFEST = 4 * 1024 * 1024;

  private final LongConsumer progress;

  /** {@code progress} hears how many bytes were hashed, as they are. */
  public BundleVerifier(LongConsumer progress) {
    this.progress = progress;
  }

  public BundleVerifier() {
    this(bytes -> {});
  }

  /** Verifies {@code bundle}, checking the signature with {@code key} when given. */
  public VerifyReport verify(BundleFile bundle, Optional<VerifyingKey> key) {
    return verify(bundle, key, true);
  }

  /**
   * Everything {@link #verify} checks except the sha256 of the blobs (their presence and sizes are
   * checked, and the manifests', which are read anyway): for a push, where the registry checks each
   * blob it receives against its digest.
   */
  public VerifyReport verifyStructure(BundleFile bundle, Optional<VerifyingKey> key) {
    return verify(bundle, key, false);
  }

  private VerifyReport verify(BundleFile bundle, Optional<VerifyingKey> key, boolean hashBlobs) {
    if (hashBlobs) {
      HashWarmUp.start();
    }
    List<String> problems = new ArrayList<>(bundle.problems());
    Optional<BundleFile.Entry> indexEntry = bundle.entry(BundleLayout.INDEX);
    if (indexEntry.isEmpty()) {
      problems.add(
          "the bundle has no "
              + BundleLayout.INDEX
              + " (it is not a Ferry bundle, or it is truncated)");
      return new VerifyReport(null, null, VerifyReport.SignatureStatus.INVALID, problems);
    }
    byte[] json = bundle.read(indexEntry.get(), MAX_INDEX);
    Digest indexDigest = Digest.of(json);
    VerifyReport.SignatureStatus signature = checkSignature(bundle, json, key, problems);
    BundleIndex index;
    try {
      index = BundleIndex.parse(json, bundle.describe());
    } catch (BundleException e) {
      problems.add(e.getMessage());
      return new VerifyReport(null, indexDigest, signature, problems);
    }
    Set<String> listed = new HashSet<>(Set.of(BundleLayout.INDEX, BundleLayout.SIGNATURE));
    Map<String, BundleIndex.Blob> blobs = new HashMap<>();
    for (BundleIndex.Blob blob : index.blobs()) {
      Digest digest;
      try {
        digest = blob.parsedDigest();
      } catch (IllegalArgumentException e) {
        problems.add("the index lists a blob '" + blob.digest() + "': " + e.getMessage());
        continue;
      }
      String path = blob.path();
      listed.add(path);
      blobs.put(blob.digest(), blob);
      if (blob.compressed()) {
        checkCompressed(bundle, blob, hashBlobs ? digest : null, problems);
      } else {
        checkContent(
            bundle,
            "blob " + blob.digest(),
            path,
            blob.size(),
            hashBlobs ? digest : null,
            problems);
      }
    }
    for (BundleIndex.FileEntry file : index.files()) {
      listed.add(file.path());
      Digest digest;
      try {
        digest = Digest.parse(file.sha256());
      } catch (IllegalArgumentException e) {
        problems.add(
            "the index lists file '" + file.path() + "' with a bad sha256: " + e.getMessage());
        continue;
      }
      checkContent(bundle, "file " + file.path(), file.path(), file.size(), digest, problems);
    }
    for (String name : bundle.entries().keySet()) {
      if (!listed.contains(name)) {
        problems.add("entry '" + name + "' is not listed in the bundle index");
      }
    }
    Map<Digest, Manifest> manifests = new HashMap<>();
    checkImages(bundle, index, blobs, !hashBlobs, manifests, problems);
    return new VerifyReport(index, indexDigest, signature, problems, manifests);
  }

  private static VerifyReport.SignatureStatus checkSignature(
      BundleFile bundle, byte[] json, Optional<VerifyingKey> key, List<String> problems) {
    Optional<BundleFile.Entry> signatureEntry = bundle.entry(BundleLayout.SIGNATURE);
    if (key.isEmpty()) {
      return signatureEntry.isPresent()
          ? VerifyReport.SignatureStatus.NOT_CHECKED
          : VerifyReport.SignatureStatus.UNSIGNED;
    }
    if (signatureEntry.isEmpty()) {
      problems.add(
          "the bundle is not signed (no "
              + BundleLayout.SIGNATURE
              + ") but a key was given to check it");
      return VerifyReport.SignatureStatus.INVALID;
    }
    byte[] signature = bundle.read(signatureEntry.get(), 64 * 1024);
    if (!key.get().verifies(json, signature)) {
      problems.add(
          BundleLayout.SIGNATURE
              + " is not a signature of "
              + BundleLayout.INDEX
              + " by the key "
              + key.get().file()
              + " (the index was changed, or it was signed with another key)");
      return VerifyReport.SignatureStatus.INVALID;
    }
    return VerifyReport.SignatureStatus.VALID;
  }

  private void checkContent(
      BundleFile bundle,
      String what,
      String path,
      long size,
      @Nullable Digest digest,
      List<String> problems) {
    Optional<BundleFile.Entry> entry = bundle.entry(path);
    if (entry.isEmpty()) {
      problems.add(what + " is missing (no entry " + path + ")");
      return;
    }
    if (entry.get().size() != size) {
      problems.add(what + " has " + entry.get().size() + " bytes but the index says " + size);
      return;
    }
    if (digest == null) {
      return;
    }
    try {
      Digest actual = hash(bundle, entry.get());
      if (!actual.equals(digest)) {
        problems.add(
            what
                + " has sha256 "
                + actual
                + " but the index says "
                + digest
                + " (its content is corrupted)");
      }
    } catch (IOException e) {
      problems.add("Tried to read " + what + " but failed: " + e.getMessage());
    }
  }

  /**
   * A blob stored compressed: its entry has the stored size, and (with {@code digest}) what it
   * decompresses to has the blob's size and digest.
   */
  private void checkCompressed(
      BundleFile bundle, BundleIndex.Blob blob, @Nullable Digest digest, List<String> problems) {
    String what = "blob " + blob.digest();
    Optional<BundleFile.Entry> entry = bundle.entry(blob.path());
    if (entry.isEmpty()) {
      problems.add(what + " is missing (no entry " + blob.path() + ")");
      return;
    }
    if (entry.get().size() != blob.stored()) {
      problems.add(
          what
              + " is stored compressed in "
              + entry.get().size()
              + " bytes but the index says "
              + blob.stored());
      return;
    }
    if (digest == null) {
      return;
    }
    MessageDigest hasher = Digest.newSha256();
    long size = 0;
    try (InputStream in = bundle.blobSource(blob, false).orElseThrow().open(0)) {
      byte[] buffer = new byte[1 << 20];
      int n;
      while ((n = in.read(buffer)) > 0) {
        hasher.update(buffer, 0, n);
        size += n;
      }
    } catch (IOException e) {
      // the decompressor's own words, without the advice to run verify that a push gets
      String why =
          e.getCause() instanceof DigestMismatchException mismatch
              ? mismatch.getMessage()
              : e.getMessage();
      problems.add(
          what
              + " is stored compressed in "
              + blob.path()
              + " but does not decompress ("
              + why
              + "): its content is corrupted");
      return;
    }
    progress.accept(blob.stored());
    Digest actual = Digest.sha256(hasher.digest());
    if (size != blob.size()) {
      problems.add(
          what
              + " decompresses to "
              + size
              + " bytes but the index says "
              + blob.size()
              + " (its content is corrupted)");
    } else if (!actual.equals(digest)) {
      problems.add(
          what
              + " decompresses to sha256 "
              + actual
              + " but the index says "
              + digest
              + " (its content is corrupted)");
    }
  }

  private Digest hash(BundleFile bundle, BundleFile.Entry entry) throws IOException {
    MessageDigest hasher = Digest.newSha256();
    byte[] buffer = new byte[1 << 20];
    try (InputStream in = bundle.source(entry).open(0)) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        hasher.update(buffer, 0, n);
        progress.accept(n);
      }
    }
    return Digest.sha256(hasher.digest());
  }

  private static void checkImages(
      BundleFile bundle,
      BundleIndex index,
      Map<String, BundleIndex.Blob> blobs,
      boolean hashManifests,
      Map<Digest, Manifest> manifests,
      List<String> problems) {
    LayoutIndex layout = null;
    Optional<BundleFile.Entry> layoutIndex = bundle.entry(OciLayout.INDEX_FILE);
    if (layoutIndex.isEmpty() || bundle.entry(OciLayout.LAYOUT_FILE).isEmpty()) {
      problems.add("the OCI layout lacks " + OciLayout.LAYOUT_FILE + " or " + OciLayout.INDEX_FILE);
    } else {
      try {
        layout = LayoutIndex.parse(bundle.read(layoutIndex.get(), MAX_MANIFEST));
      } catch (RuntimeException e) {
        // LayoutIndex's message names index.json already
        problems.add("the OCI layout: " + e.getMessage());
      }
    }
    for (BundleIndex.Image image : index.images()) {
      String what = "image '" + image.source() + "'";
      if (layout != null) {
        Optional<Descriptor> named = layout.find(image.refName());
        if (named.isEmpty()) {
          problems.add(
              what + " is not named '" + image.refName() + "' in the OCI layout's index.json");
        } else if (!named.get().digest().toString().equals(image.layoutDigestOrDigest())) {
          problems.add(
              what
                  + " is "
                  + named.get().digest()
                  + " in index.json but "
                  + image.layoutDigestOrDigest()
                  + " in the bundle index");
        }
      }
      if (image.layoutDigest() != null) {
        BundleIndex.Blob form = blobs.get(image.layoutDigest());
        checkManifest(
            bundle,
            what + " (its OCI form)",
            image.layoutDigest(),
            form == null ? "" : form.mediaType(),
            blobs,
            hashManifests,
            manifests,
            problems,
            0);
      }
      checkManifest(
          bundle,
          what,
          image.digest(),
          image.mediaType(),
          blobs,
          hashManifests,
          manifests,
          problems,
          0);
    }
  }

  private static void checkManifest(
      BundleFile bundle,
      String what,
      String digest,
      String mediaType,
      Map<String, BundleIndex.Blob> blobs,
      boolean hashManifests,
      Map<Digest, Manifest> manifests,
      List<String> problems,
      int depth) {
    if (!blobs.containsKey(digest)) {
      problems.add(what + " names manifest " + digest + ", which is not in the bundle");
      return;
    }
    Digest parsed = Digest.parse(digest);
    Optional<BundleFile.Entry> entry = bundle.blob(parsed);
    if (entry.isEmpty() || depth > 2) {
      return; // reported as a missing blob already
    }
    Manifest manifest;
    try {
      byte[] raw = bundle.read(entry.get(), MAX_MANIFEST);
      Digest actual = Digest.of(raw);
      if (!actual.equals(parsed)) {
        if (hashManifests) {
          problems.add(
              what + ": manifest " + digest + " has sha256 " + actual + " (it is corrupted)");
        }
        return; // otherwise reported as a corrupted blob already
      }
      manifest = Manifest.parse(raw, mediaType);
      manifests.put(parsed, manifest);
    } catch (RuntimeException e) {
      problems.add(what + ": manifest " + digest + " cannot be read: " + e.getMessage());
      return;
    }
    List<Descriptor> children = new ArrayList<>();
    if (manifest instanceof ImageIndex imageIndex) {
      for (Descriptor child : imageIndex.manifests()) {
        checkManifest(
            bundle,
            what,
            child.digest().toString(),
            child.mediaType(),
            blobs,
            hashManifests,
            manifests,
            problems,
            depth + 1);
      }
    } else if (manifest instanceof ImageManifest image) {
      children.addAll(image.blobs());
    }
    for (Descriptor blob : children) {
      BundleIndex.Blob stored = blobs.get(blob.digest().toString());
      if (stored == null) {
        problems.add(
            what
                + ": manifest "
                + digest
                + " names blob "
                + blob.digest()
                + ", which is not in the bundle");
      } else if (stored.size() != blob.size()) {
        problems.add(
            what
                + ": manifest "
                + digest
                + " gives blob "
                + blob.digest()
                + " "
                + blob.size()
                + " bytes but the bundle holds "
                + stored.size());
      }
    }
  }
}
