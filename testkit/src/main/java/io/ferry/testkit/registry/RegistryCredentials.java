package io.ferry.testkit.registry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A username and password a test uses against a registry or its token server. */
public record RegistryCredentials(String username, String password) {

  /** Validates that neither part is empty and the username has no colon. */
  public RegistryCredentials {
    if (username.isEmpty() || username.contains(":") || password.isEmpty()) {
      throw new IllegalArgumentException(
          "username was '"
              + username
              + "' but it must be non-empty without ':', and password"
              + " must be non-empty");
    }
  }

  /** Returns the value of an {@code Authorization: Basic ...} header for these credentials. */
  public String basicAuthorization() {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "RegistryCredentials[username=" + username + ", password=***]";
  }
}
