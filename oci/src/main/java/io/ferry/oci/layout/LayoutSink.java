package io.ferry.oci.layout;

import io.ferry.oci.Descriptor;
import io.ferry.oci.Digest;
import java.io.IOException;
import java.io.InputStream;

/** Where an {@link OciLayoutWriter} puts the layout's entries: a folder, or a bundle's tar. */
public interface LayoutSink {

  /** Whether the blob is already there (blobs are written once). */
  boolean hasBlob(Digest digest) throws IOException;

  /**
   * Stores {@code content} at {@link OciLayout#blobPath}; must fail, leaving nothing under that
   * path, unless the content matches {@code blob}'s size and digest.
   */
  void putBlob(Descriptor blob, InputStream content) throws IOException;

  /** Stores a small file such as {@code index.json} at {@code path}, replacing what was there. */
  void putFile(String path, byte[] content) throws IOException;
}
