package io.ferry.server.user;

import java.util.Locale;
import java.util.Optional;

/** What a password must be: long enough to resist guessing, and not the user name. */
public final class PasswordPolicy {

  /** The shortest password accepted. */
  public static final int MIN_LENGTH = 12;

  /** The longest: bcrypt reads only the first 72 bytes. */
  public static final int MAX_LENGTH = 72;

  private PasswordPolicy() {}

  /** Why a password is refused, or empty when it is fine. */
  public static Optional<String> problem(String username, String password) {
    if (password.length() < MIN_LENGTH) {
      return Optional.of("the password must have at least " + MIN_LENGTH + " characters");
    }
    if (password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_LENGTH) {
      return Optional.of("the password must have at most " + MAX_LENGTH + " bytes");
    }
    if (password.toLowerCase(Locale.ROOT).contains(username.toLowerCase(Locale.ROOT))) {
      return Optional.of("the password must not contain the user name");
    }
    return Optional.empty();
  }
}
