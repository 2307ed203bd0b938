package io.ferry.oci.registry;

import io.ferry.oci.Digest;

/**
 * What pushing one blob did.
 *
 * @param bytesSent content bytes sent, counting resent bytes after a failure
 */
public record BlobPush(Digest digest, Outcome outcome, long bytesSent) {

  /** How the blob came to be in the repository. */
  public enum Outcome {
    /** The repository had it already; nothing was sent. */
    ALREADY_PRESENT,
    /** The registry linked it from another repository; nothing was sent. */
    MOUNTED,
    /** The content was uploaded. */
    UPLOADED
  }
}
