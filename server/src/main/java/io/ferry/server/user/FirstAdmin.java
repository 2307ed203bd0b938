package io.ferry.server.user;

import io.ferry.server.FerryProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Creates the {@code admin} user on the first start.
 *
 * <p>The password comes from {@code FERRY_ADMIN_PASSWORD} or {@code --admin-password-file} (for
 * automation), or is random: then it is written once to {@code <data-dir>/initial-admin-password}
 * (mode 0600), logged, and must be changed at the first login.
 */
@Component
@Order(0)
class FirstAdmin implements ApplicationRunner {

  static final String PASSWORD_FILE = "initial-admin-password";
  private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);

  private final UserService users;
  private final FerryProperties properties;

  FirstAdmin(UserService users, FerryProperties properties) {
    this.users = users;
    this.properties = properties;
  }

  @Override
  public void run(ApplicationArguments args) {
    String fromEnvironment = System.getenv("FERRY_ADMIN_PASSWORD");
    Path file = properties.adminPasswordFile();
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      create(fromEnvironment, "FERRY_ADMIN_PASSWORD");
    } else if (file != null) {
      create(read(file), file.toString());
    } else {
      String password = randomPassword();
      if (users.createFirstAdmin(password, true)) {
        Path written = write(properties.dataDir().resolve(PASSWORD_FILE), password);
        log.warn(
            "Created user 'admin' with a random password: {} (also written to {}; it must be"
                + " changed at the first login)",
            password,
            written);
      }
    }
  }

  private void create(String password, String source) {
    PasswordPolicy.problem("admin", password)
        .ifPresent(
            problem -> {
              throw new IllegalStateException(
                  "Tried to create user 'admin' with the password from "
                      + source
                      + " but "
                      + problem);
            });
    if (users.createFirstAdmin(password, false)) {
      log.info("Created user 'admin' with the password from {}", source);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Tried to read the first admin password from " + file + " but failed because: " + e, e);
    }
  }

  private static Path write(Path target, String password) {
    try {
      Path temp =
          Files.createTempFile(
              target.getParent(),
              PASSWORD_FILE,
              ".tmp",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(temp, password + "\n", StandardCharsets.UTF_8);
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Tried to write the first admin password to " + target + " but failed because: " + e, e);
    }
  }

  private static String randomPassword() {
    byte[] bytes = new byte[18];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
