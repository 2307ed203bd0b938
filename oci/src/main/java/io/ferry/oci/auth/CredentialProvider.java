package io.ferry.oci.auth;

import java.util.Optional;

/** Finds the credentials to use for a registry, {@code host[:port]}. */
@FunctionalInterface
public interface CredentialProvider {

  /** The credentials for {@code registry}, or empty to go anonymous. */
  Optional<Credentials> credentialsFor(String registry);

  /** Always anonymous. */
  static CredentialProvider anonymous() {
    return registry -> Optional.empty();
  }

  /**
   * The same credentials for every registry, as {@code --username} and {@code --password-stdin}.
   */
  static CredentialProvider of(Credentials credentials) {
    return registry -> Optional.of(credentials);
  }

  /** These credentials when given, otherwise what {@code fallback} finds. */
  default CredentialProvider orElse(CredentialProvider fallback) {
    return registry -> credentialsFor(registry).or(() -> fallback.credentialsFor(registry));
  }
}
