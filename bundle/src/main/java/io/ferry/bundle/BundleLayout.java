package io.ferry.bundle;

/**
 * Where things live inside a bundle's tar. The OCI image layout sits at the root ({@code
 * oci-layout}, {@code index.json}, {@code blobs/sha256/…}) so that {@code skopeo inspect
 * oci:DIR:REF} works on the extracted folder; Ferry's own index is {@code bundle.json} beside it.
 */
public final class BundleLayout {

  /** The bundle index. */
  public static final String INDEX = "bundle.json";

  /** The detached signature of {@link #INDEX}'s exact bytes. */
  public static final String SIGNATURE = "bundle.json.sig";

  /** Folder of the platform spec. */
  public static final String SPEC_DIR = "spec/";

  /** Folder of the site values. */
  public static final String VALUES_DIR = "values/";

  /** Folder of the monitoring rule files, by their path relative to the spec. */
  public static final String RULES_DIR = "rules/";

  /**
   * Folder of the blobs stored gzip-compressed ({@link BundleIndex.Blob#encoding}): layers that
   * came uncompressed. Outside the OCI layout's {@code blobs/}, whose files must hash to their
   * names; {@code gunzip} into {@code blobs/sha256/<hex>} completes an extracted layout.
   */
  public static final String GZIP_BLOBS_DIR = "blobs-gzip/";

  /** Where the gzip-compressed form of {@code digest}'s blob is stored. */
  public static String gzipBlobPath(io.ferry.oci.Digest digest) {
    return GZIP_BLOBS_DIR + digest.algorithm() + "/" + digest.hex() + ".gz";
  }

  private BundleLayout() {}
}
