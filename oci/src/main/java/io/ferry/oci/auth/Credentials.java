package io.ferry.oci.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A username and password (or robot account token) for a registry. */
public record Credentials(String username, String password) {

  public Credentials {
    if (username.isEmpty() || username.contains(":")) {
      throw new IllegalArgumentException(
          "Registry username was '" + username + "' but it must be non-empty and contain no ':'");
    }
  }

  /** The value of an {@code Authorization: Basic …} header. */
  public String basicAuthorization() {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "Credentials[username=" + username + ", password=***]";
  }
}
