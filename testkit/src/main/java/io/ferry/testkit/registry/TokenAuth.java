package io.ferry.testkit.registry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** How the token server behaves: service and issuer names, users, anonymous access, lifetime. */
public record TokenAuth(
    String service,
    String issuer,
    List<TokenUser> users,
    AnonymousAccess anonymous,
    Duration tokenLifetime) {

  /** Validates every field at once. */
  public TokenAuth {
    users = List.copyOf(users);
    List<String> problems = new ArrayList<>();
    if (service.isBlank()) {
      problems.add("service was '' but it must name the registry");
    }
    if (issuer.isBlank()) {
      problems.add("issuer was '' but it must name the token server");
    }
    if (tokenLifetime.isNegative() || tokenLifetime.toSeconds() < 1) {
      problems.add("tokenLifetime was '" + tokenLifetime + "' but it must be at least 1 second");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
  }

  /** Starts a configuration with one all-actions user {@code ferry}/{@code ferry-secret}. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link TokenAuth}; users default to {@code ferry}/{@code ferry-secret}. */
  public static final class Builder {
    private String service = "ferry-testkit-registry";
    private String issuer = "ferry-testkit-token-server";
    private final List<TokenUser> users = new ArrayList<>();
    private AnonymousAccess anonymous = AnonymousAccess.PULL;
    private Duration tokenLifetime = Duration.ofMinutes(5);

    private Builder() {}

    /** Sets the service name the registry announces and tokens are issued for. */
    public Builder service(String service) {
      this.service = service;
      return this;
    }

    /** Sets the issuer name the registry expects in tokens. */
    public Builder issuer(String issuer) {
      this.issuer = issuer;
      return this;
    }

    /** Adds a user who may pull, push and delete. */
    public Builder user(String username, String password) {
      return user(TokenUser.withAllActions(username, password));
    }

    /** Adds a user. */
    public Builder user(TokenUser user) {
      users.add(user);
      return this;
    }

    /** Sets what a request without credentials gets. */
    public Builder anonymous(AnonymousAccess anonymous) {
      this.anonymous = anonymous;
      return this;
    }

    /** Sets how long tokens live ({@code expires_in}). */
    public Builder tokenLifetime(Duration tokenLifetime) {
      this.tokenLifetime = tokenLifetime;
      return this;
    }

    /** Returns the validated configuration. */
    public TokenAuth build() {
      List<TokenUser> all =
          users.isEmpty() ? List.of(TokenUser.withAllActions("ferry", "ferry-secret")) : users;
      return new TokenAuth(service, issuer, all, anonymous, tokenLifetime);
    }
  }
}
