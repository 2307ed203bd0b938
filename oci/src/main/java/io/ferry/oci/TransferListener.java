package io.ferry.oci;

/**
 * Hears how many bytes of each blob moved, so a caller can draw a progress bar; called from the
 * transferring thread, so implementations must be thread-safe and quick.
 */
public interface TransferListener {

  /** A listener that ignores everything. */
  TransferListener NONE = new TransferListener() {};

  /**
   * A transfer of {@code size} bytes of {@code digest} begins, {@code skipped} already in place.
   */
  default void started(Digest digest, long size, long skipped) {}

  /** {@code bytes} more bytes of {@code digest} moved. */
  default void transferred(Digest digest, long bytes) {}

  /** The transfer of {@code digest} is complete and verified. */
  default void finished(Digest digest) {}
}
