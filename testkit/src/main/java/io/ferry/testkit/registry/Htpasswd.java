package io.ferry.testkit.registry;

import java.security.SecureRandom;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/** Writes htpasswd lines with bcrypt {@code $2y$} hashes, the only kind distribution accepts. */
final class Htpasswd {

  // Cost 6 keeps each request the registry checks fast; these hashes protect only test data.
  private static final int COST = 6;
  private static final SecureRandom RANDOM = new SecureRandom();

  private Htpasswd() {}

  static String line(RegistryCredentials credentials) {
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    return credentials.username()
        + ":"
        + OpenBSDBCrypt.generate("2y", credentials.password().toCharArray(), salt, COST)
        + "\n";
  }
}
