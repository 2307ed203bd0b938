package io.ferry.platform.cluster;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;

/** Turns what the API server or the transport answered into one readable phrase. */
public final class Errors {

  private Errors() {}

  /** The API server's own message when it sent one, else the innermost cause's message. */
  public static String rootMessage(Throwable e) {
    if (e instanceof KubernetesClientException k && k.getStatus() != null) {
      Status status = k.getStatus();
      if (status.getMessage() != null && !status.getMessage().isBlank()) {
        return k.getCode() + " " + status.getMessage();
      }
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message =
        root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return root == e ? message : message + " (" + root.getClass().getSimpleName() + ")";
  }
}
