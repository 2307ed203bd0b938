package io.ferry.server.security;

import io.ferry.server.user.User;
import io.ferry.server.user.UserRepository;
import java.time.Clock;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/** Loads local users for password logins (form and HTTP Basic) and token logins. */
@Component
class FerryUserDetailsService implements UserDetailsService {

  private final UserRepository users;
  private final Clock clock = Clock.systemUTC();

  FerryUserDetailsService(UserRepository users) {
    this.users = users;
  }

  @Override
  public UserDetails loadUserByUsername(String username) {
    User user =
        users.find(username).orElseThrow(() -> new UsernameNotFoundException("no such user"));
    String hash = users.passwordHash(username).orElseThrow();
    return details(user, hash);
  }

  UserDetails details(User user, String passwordHash) {
    boolean locked = user.lockedUntil() != null && user.lockedUntil().isAfter(clock.instant());
    return org.springframework.security.core.userdetails.User.withUsername(user.username())
        .password(passwordHash)
        .authorities(user.role().authority())
        .disabled(!user.enabled())
        .accountLocked(locked)
        .build();
  }
}
