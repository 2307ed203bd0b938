package io.ferry.server.token;

import io.ferry.server.user.Role;
import org.springframework.security.core.Authentication;

/** Small checks shared by the token API and pages. */
final class Tokens {

  private Tokens() {}

  static boolean isAdmin(Authentication authentication) {
    return authentication.getAuthorities().stream()
        .anyMatch(a -> Role.ADMIN.authority().equals(a.getAuthority()));
  }
}
