package io.ferry.server.console;

import io.ferry.server.ConsoleFixture;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The console API contract on the embedded H2 database. */
class ConsoleApiH2Test extends ConsoleApiContract {

  @TempDir static Path dataDir;
  private static ConsoleFixture console;

  @BeforeAll
  static void start() {
    console = ConsoleFixture.onH2(dataDir.resolve("data"));
  }

  @AfterAll
  static void stop() {
    if (console != null) {
      console.close();
    }
  }

  @Override
  ConsoleFixture console() {
    return console;
  }
}
