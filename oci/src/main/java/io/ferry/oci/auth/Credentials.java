package io.ferry.oci.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A username and password (or robot account token) for a registry, or an identity token: the OAuth2
 * refresh token that {@code docker login} saves for some registries ({@code identitytoken} in the
 * config, or {@code <token>} as the username a credential helper answers with). An identity token
 * is exchanged for access tokens at the registry's token service and is never sent as basic
 * credentials.
 */
public record Credentials(String username, String password) {

  /** The username by which Docker's credential helpers mark an identity token. */
  public static final String IDENTITY_TOKEN_USERNAME = "<token>";

  public Credentials {
    if (username.isEmpty() || username.contains(":")) {
      throw new IllegalArgumentException(
          "Registry username was '" + username + "' but it must be non-empty and contain no ':'");
    }
  }

  /** An identity token (OAuth2 refresh token) from {@code docker login}. */
  public static Credentials identityToken(String token) {
    return new Credentials(IDENTITY_TOKEN_USERNAME, token);
  }

  /** Whether {@link #password} is an identity token rather than a password. */
  public boolean isIdentityToken() {
    return username.equals(IDENTITY_TOKEN_USERNAME);
  }

  /** The value of an {@code Authorization: Basic …} header. */
  public String basicAuthorization() {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return isIdentityToken()
        ? "Credentials[identity token=***]"
        : "Credentials[username=" + username + ", password=***]";
  }
}
