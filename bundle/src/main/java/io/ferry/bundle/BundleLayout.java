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

  private BundleLayout() {}
}
