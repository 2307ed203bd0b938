package io.ferry.oci.layout;

import io.ferry.oci.Descriptor;
import io.ferry.oci.Digest;
import io.ferry.oci.manifest.Manifest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Set;

/**
 * Writes an OCI layout into a {@link LayoutSink}: blobs once each however many images share them,
 * manifests, and at {@link #finish()} the {@code oci-layout} marker and {@code index.json}, so a
 * reader never finds an index naming blobs that are not there yet. Not thread-safe.
 */
public final class OciLayoutWriter {

  private final LayoutSink sink;
  private final Set<Digest> written = new HashSet<>();
  private LayoutIndex index;

  /** Starts a new layout with no images. */
  public OciLayoutWriter(LayoutSink sink) {
    this(sink, LayoutIndex.empty());
  }

  /** Adds to a layout that already holds {@code existing}. */
  public OciLayoutWriter(LayoutSink sink, LayoutIndex existing) {
    this.sink = sink;
    this.index = existing;
  }

  /**
   * Writes a blob unless the layout has it; true when it was written, false when it was shared. The
   * content is verified against {@code blob}.
   */
  public boolean addBlob(Descriptor blob, InputStream content) {
    try {
      if (written.contains(blob.digest()) || sink.hasBlob(blob.digest())) {
        written.add(blob.digest());
        return false;
      }
      sink.putBlob(blob, content);
      written.add(blob.digest());
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Tried to write blob " + blob.digest() + " into the OCI layout but failed", e);
    }
  }

  /** Writes a manifest or index as a blob, with its exact bytes. */
  public Descriptor addManifest(Manifest manifest) {
    Descriptor descriptor = manifest.descriptor();
    addBlob(descriptor, new ByteArrayInputStream(manifest.raw()));
    return descriptor;
  }

  /** Names an image (a manifest or index already added) in {@code index.json}. */
  public void tag(String refName, Descriptor manifest) {
    if (!written.contains(manifest.digest())) {
      throw new IllegalStateException(
          "Tried to name "
              + manifest.digest()
              + " '"
              + refName
              + "' before adding it to the layout");
    }
    index = index.withImage(refName, manifest);
  }

  /** The index as it stands. */
  public LayoutIndex index() {
    return index;
  }

  /** Writes {@code oci-layout} and {@code index.json}; call after every blob is in. */
  public LayoutIndex finish() {
    try {
      sink.putFile(OciLayout.LAYOUT_FILE, OciLayout.layoutFileContent());
      sink.putFile(OciLayout.INDEX_FILE, index.toJson());
      return index;
    } catch (IOException e) {
      throw new UncheckedIOException("Tried to write the OCI layout's index.json but failed", e);
    }
  }
}
