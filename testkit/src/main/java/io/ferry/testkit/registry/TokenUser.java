package io.ferry.testkit.registry;

import java.util.Set;

/** A user of the token server and the actions it may be granted on any repository. */
public record TokenUser(RegistryCredentials credentials, Set<String> actions) {

  /** All actions the registry knows. */
  public static final Set<String> ALL_ACTIONS = Set.of("pull", "push", "delete", "*");

  /** Copies the actions so the user cannot change under the server. */
  public TokenUser {
    actions = Set.copyOf(actions);
  }

  /** A user who may pull, push and delete. */
  public static TokenUser withAllActions(String username, String password) {
    return new TokenUser(new RegistryCredentials(username, password), ALL_ACTIONS);
  }

  /** A user who may only pull. */
  public static TokenUser pullOnly(String username, String password) {
    return new TokenUser(new RegistryCredentials(username, password), Set.of("pull"));
  }
}
