package io.ferry.testkit.postgres;

import io.ferry.testkit.RealService;
import io.ferry.testkit.TestkitException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs PostgreSQL as the {@code postgres} OS user when the JVM is root, because initdb and postgres
 * refuse to run as root.
 */
final class OsUser {

  private static final Path SETPRIV = Path.of("/usr/bin/setpriv");
  private static final String POSTGRES = "postgres";

  private OsUser() {}

  static boolean jvmIsRoot() {
    try {
      // /proc/self belongs to the uid this JVM runs as.
      return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    } catch (IOException | UnsupportedOperationException e) {
      return "root".equals(System.getProperty("user.name"));
    }
  }

  /** Prefixes {@code command} with setpriv to the postgres user when the JVM is root. */
  static List<String> asPostgres(List<String> command) {
    if (!jvmIsRoot()) {
      return command;
    }
    RealService.require(SETPRIV, "util-linux");
    List<String> wrapped = new ArrayList<>();
    // setpriv execs the command, so the pid we hold is postgres itself, not a wrapper.
    wrapped.addAll(
        List.of(
            SETPRIV.toString(),
            "--reuid=" + POSTGRES,
            "--regid=" + POSTGRES,
            "--init-groups",
            "--reset-env"));
    wrapped.addAll(command);
    return wrapped;
  }

  /** Gives {@code directory} and what is in it to the postgres user when the JVM is root. */
  static void handOver(Path directory) {
    if (!jvmIsRoot()) {
      return;
    }
    UserPrincipalLookupService lookup = directory.getFileSystem().getUserPrincipalLookupService();
    try (Stream<Path> paths = Files.walk(directory)) {
      UserPrincipal user = lookup.lookupPrincipalByName(POSTGRES);
      GroupPrincipal group = lookup.lookupPrincipalByGroupName(POSTGRES);
      for (Path path : paths.toList()) {
        PosixFileAttributeView view =
            Files.getFileAttributeView(path, PosixFileAttributeView.class);
        view.setOwner(user);
        view.setGroup(group);
      }
    } catch (IOException e) {
      throw new TestkitException(
          "Tried to give "
              + directory
              + " to the OS user 'postgres' but failed because: "
              + e
              + " (the Debian package postgresql creates that user)",
          e);
    }
  }
}
