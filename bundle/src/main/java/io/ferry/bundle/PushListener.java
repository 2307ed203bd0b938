package io.ferry.bundle;

import io.ferry.oci.TransferListener;

/** Hears what {@link BundlePusher} is doing, for progress output. Must be thread-safe. */
public interface PushListener extends TransferListener {

  /** Ignores everything. */
  PushListener NONE = new PushListener() {};

  /** The bundle is being verified: {@code bytes} more were hashed. */
  default void verified(long bytes) {}

  /** The bundle passed its checks; {@code signature} says what its signature check found. */
  default void checked(VerifyReport.SignatureStatus signature) {}

  /**
   * Uploading starts: {@code blobs} distinct blobs of {@code totalBytes} in all, each counted once
   * however many repositories get it (the others mount it).
   */
  default void uploading(long totalBytes, int blobs) {}

  /** A Harbor project was created. */
  default void projectCreated(String project) {}

  /** An image was tagged in the target. */
  default void tagged(String target) {}
}
