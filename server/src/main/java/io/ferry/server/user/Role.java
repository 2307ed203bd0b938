package io.ferry.server.user;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a user may do. Reading is open to every role; the README's role table says which role may
 * change what, and the security configuration enforces it on every endpoint.
 */
public enum Role {
  /** Everything, including users and settings. */
  ADMIN,
  /** Operates the site: imports bundles, approves and deploys releases, handles alerts. */
  OPERATOR,
  /** Submits release orders, reads logs, opens shells; owns API tokens. */
  DEVELOPER,
  /** Reads everything, changes nothing but their own password and language. */
  VIEWER;

  /** The lower-case name used in the API and the database. */
  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The Spring Security authority, {@code ROLE_ADMIN} etc. */
  public String authority() {
    return "ROLE_" + name();
  }

  /** Parses {@code admin}, {@code operator}, {@code developer} or {@code viewer}. */
  @JsonCreator
  public static Role parse(String id) {
    for (Role role : values()) {
      if (role.id().equals(id)) {
        return role;
      }
    }
    throw new IllegalArgumentException(
        "role was '"
            + id
            + "' but it must be one of "
            + Arrays.stream(values()).map(Role::id).collect(Collectors.joining(", ")));
  }
}
