package io.ferry.oci.auth;

import java.util.Optional;

/** Finds the credentials to use for a registry, {@code host[:port]}. */
@FunctionalInterface
public interface CredentialProvider {

  /** The credentials for {@code registry}, or empty to go anonymous. */
  Optional<Credentials> credentialsFor(String registry);

  /**
   * Where the credentials for {@code registry} come from, for messages (e.g. {@code --username}, or
   * a Docker config's helper or entry); empty when unknown. Asks for no credentials itself.
   */
  default String source(String registry) {
    return "";
  }

  /** Always anonymous. */
  static CredentialProvider anonymous() {
    return registry -> Optional.empty();
  }

  /**
   * The same credentials for every registry, as {@code --username} and {@code --password-stdin}.
   */
  static CredentialProvider of(Credentials credentials) {
    return new CredentialProvider() {
      @Override
      public Optional<Credentials> credentialsFor(String registry) {
        return Optional.of(credentials);
      }

      @Override
      public String source(String registry) {
        return "--username";
      }
    };
  }

  /** These credentials when given, otherwise what {@code fallback} finds. */
  default CredentialProvider orElse(CredentialProvider fallback) {
    CredentialProvider first = this;
    return new CredentialProvider() {
      @Override
      public Optional<Credentials> credentialsFor(String registry) {
        return first.credentialsFor(registry).or(() -> fallback.credentialsFor(registry));
      }

      @Override
      public String source(String registry) {
        return first.credentialsFor(registry).isPresent()
            ? first.source(registry)
            : fallback.source(registry);
      }
    };
  }
}
