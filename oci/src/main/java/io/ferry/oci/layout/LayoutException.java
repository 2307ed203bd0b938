package io.ferry.oci.layout;

import io.ferry.oci.OciException;

/** An OCI layout that is broken or cannot be written; the message names the path or digest. */
public final class LayoutException extends OciException {

  public LayoutException(String message) {
    super(message);
  }

  public LayoutException(String message, Throwable cause) {
    super(message, cause);
  }
}
