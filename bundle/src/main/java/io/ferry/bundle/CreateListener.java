package io.ferry.bundle;

import io.ferry.oci.TransferListener;
import java.nio.file.Path;
import java.util.List;

/**
 * Hears what {@link BundleCreator} is doing, for progress output. {@link #resolved} and {@link
 * #writing} come from the thread calling {@code create}; the transfer callbacks from up to {@code
 * parallel} pulling threads at once, so they must be thread-safe.
 */
public interface CreateListener extends TransferListener {

  /** Ignores everything. */
  CreateListener NONE = new CreateListener() {};

  /**
   * {@code image} resolved: the bundle keeps it as {@code digest}, which is {@code sourceDigest},
   * what its registry serves, unless filtering to the wanted platforms made a new index.
   */
  default void resolved(String image, String digest, String sourceDigest) {}

  /** Something the bundle holds that push and serve will ask about, said while it is made. */
  default void warning(String message) {}

  /**
   * An image lacks some of the wanted platforms and is carried for those it has (the request
   * allowed it): {@code missing} and {@code carried} name them.
   */
  default void partial(String image, List<String> missing, List<String> carried) {}

  /**
   * Writing starts, after the free-space check and before any blob byte: {@code totalBytes} of
   * blobs will be written.
   */
  default void writing(long totalBytes, int blobCount) {}

  /** The bundle is complete under its own name (the temporary file was renamed). */
  default void written(Path file) {}
}
