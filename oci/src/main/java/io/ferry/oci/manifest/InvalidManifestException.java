package io.ferry.oci.manifest;

import io.ferry.oci.OciException;

/** Manifest bytes that are not a valid image manifest or index; the message lists every problem. */
public final class InvalidManifestException extends OciException {

  public InvalidManifestException(String message) {
    super(message);
  }
}
