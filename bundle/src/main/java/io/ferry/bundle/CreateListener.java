package io.ferry.bundle;

import io.ferry.oci.TransferListener;

/** Hears what {@link BundleCreator} is doing, for progress output. */
public interface CreateListener extends TransferListener {

  /** Ignores everything. */
  CreateListener NONE = new CreateListener() {};

  /** An image's manifests were read. */
  default void resolved(String image, String digest) {}

  /** Writing starts: {@code totalBytes} of blobs will be pulled. */
  default void writing(long totalBytes, int blobCount) {}
}
