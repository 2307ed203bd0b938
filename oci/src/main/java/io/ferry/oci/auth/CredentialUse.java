package io.ferry.oci.auth;

/**
 * What a request that was refused had for credentials, for the hint that goes with the refusal.
 *
 * @param sent whether credentials were sent (as basic credentials or for a token)
 * @param source where the credentials found came from, e.g. {@code docker-credential-pass
 *     (credsStore in /home/me/.docker/config.json)}; empty when none were found
 * @param identityTokenOnly whether the credentials found are an identity token that this registry's
 *     scheme (basic) cannot take
 */
public record CredentialUse(boolean sent, String source, boolean identityTokenOnly) {

  /** No credentials were found. */
  public static final CredentialUse NONE = new CredentialUse(false, "", false);

  /** Credentials from {@code source} were sent. */
  public static CredentialUse sentFrom(String source) {
    return new CredentialUse(true, source, false);
  }
}
