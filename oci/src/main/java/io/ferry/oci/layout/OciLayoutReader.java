package io.ferry.oci.layout;

import com.fasterxml.jackson.databind.JsonNode;
import io.ferry.oci.Descriptor;
import io.ferry.oci.DigestMismatchException;
import io.ferry.oci.JsonTree;
import io.ferry.oci.VerifyingInputStream;
import io.ferry.oci.manifest.Manifest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Reads an OCI layout from a {@link LayoutSource}, verifying every blob and manifest against its
 * digest and size.
 */
public final class OciLayoutReader {

  private static final int MAX_MANIFEST_SIZE = 4 * 1024 * 1024;

  private final LayoutSource source;
  private final LayoutIndex index;

  private OciLayoutReader(LayoutSource source, LayoutIndex index) {
    this.source = source;
    this.index = index;
  }

  /** Opens a layout: checks {@code oci-layout} and reads {@code index.json}. */
  public static OciLayoutReader open(LayoutSource source) {
    byte[] marker = readSmall(source, OciLayout.LAYOUT_FILE);
    String version;
    try {
      JsonNode json = JsonTree.read(marker);
      version = json == null ? null : json.path("imageLayoutVersion").asText(null);
    } catch (IOException e) {
      version = null;
    }
    if (!OciLayout.VERSION.equals(version)) {
      throw new LayoutException(
          source.describe()
              + "/"
              + OciLayout.LAYOUT_FILE
              + " has imageLayoutVersion '"
              + version
              + "' but Ferry reads "
              + OciLayout.VERSION);
    }
    return new OciLayoutReader(source, LayoutIndex.parse(readSmall(source, OciLayout.INDEX_FILE)));
  }

  /** The layout's {@code index.json}. */
  public LayoutIndex index() {
    return index;
  }

  /** The image named {@code refName}, or empty. */
  public Optional<Manifest> image(String refName) {
    return index.find(refName).map(this::manifest);
  }

  /** A manifest or index from the layout, verified. */
  public Manifest manifest(Descriptor descriptor) {
    if (descriptor.size() > MAX_MANIFEST_SIZE) {
      throw new LayoutException(
          "Manifest "
              + descriptor.digest()
              + " in "
              + source.describe()
              + " claims "
              + descriptor.size()
              + " bytes, more than a manifest may have");
    }
    try (InputStream in = blob(descriptor)) {
      return Manifest.parse(in.readAllBytes(), descriptor.mediaType());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Tried to read manifest " + descriptor.digest() + " from " + source.describe(), e);
    }
  }

  /**
   * A blob's content; throws {@link DigestMismatchException} at its end unless it matches {@code
   * descriptor}. Close it.
   */
  public InputStream blob(Descriptor descriptor) {
    String path = OciLayout.blobPath(descriptor.digest());
    try {
      InputStream in =
          source
              .open(path)
              .orElseThrow(
                  () ->
                      new LayoutException(
                          "Blob "
                              + descriptor.digest()
                              + " is missing from "
                              + source.describe()
                              + " (no "
                              + path
                              + ")"));
      return new VerifyingInputStream(
          in,
          descriptor.digest(),
          descriptor.size(),
          "blob " + descriptor.digest() + " from " + source.describe());
    } catch (IOException e) {
      throw new UncheckedIOException("Tried to open " + path + " in " + source.describe(), e);
    }
  }

  private static byte[] readSmall(LayoutSource source, String path) {
    try {
      Optional<InputStream> opened = source.open(path);
      if (opened.isEmpty()) {
        throw new LayoutException(
            source.describe() + " is not an OCI image layout: it has no " + path);
      }
      try (InputStream in = opened.get()) {
        byte[] content = in.readNBytes(MAX_MANIFEST_SIZE + 1);
        if (content.length > MAX_MANIFEST_SIZE) {
          throw new LayoutException(source.describe() + "/" + path + " is too large");
        }
        return content;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Tried to read " + path + " from " + source.describe(), e);
    }
  }
}
