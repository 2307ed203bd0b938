package io.ferry.oci.layout;

import io.ferry.oci.Digest;
import java.nio.charset.StandardCharsets;

/** Names and fixed content of an OCI image layout, shared by every reader and writer of one. */
public final class OciLayout {

  /** The marker file at the root. */
  public static final String LAYOUT_FILE = "oci-layout";

  /** The index of the images in the layout. */
  public static final String INDEX_FILE = "index.json";

  /** The folder of content-addressed blobs. */
  public static final String BLOBS_DIR = "blobs";

  /** The layout version Ferry writes and reads. */
  public static final String VERSION = "1.0.0";

  private static final byte[] LAYOUT_JSON =
      ("{\"imageLayoutVersion\":\"" + VERSION + "\"}").getBytes(StandardCharsets.UTF_8);

  private OciLayout() {}

  /** The content of {@code oci-layout}. */
  public static byte[] layoutFileContent() {
    return LAYOUT_JSON.clone();
  }

  /** Where a blob lives, relative to the layout root: {@code blobs/sha256/<hex>}. */
  public static String blobPath(Digest digest) {
    return BLOBS_DIR + "/" + digest.algorithm() + "/" + digest.hex();
  }
}
