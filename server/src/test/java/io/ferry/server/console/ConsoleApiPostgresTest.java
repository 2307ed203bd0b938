package io.ferry.server.console;

import io.ferry.server.ConsoleFixture;
import io.ferry.server.ServerOptions;
import io.ferry.testkit.postgres.Postgres;
import io.ferry.testkit.postgres.PostgresDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The console API contract on a real PostgreSQL 15, migrations included. */
class ConsoleApiPostgresTest extends ConsoleApiContract {

  @RegisterExtension static final Postgres postgres = new Postgres();
  @TempDir static Path dataDir;
  private static ConsoleFixture console;

  @BeforeAll
  static void start() {
    PostgresDatabase db = postgres.database();
    console =
        ConsoleFixture.start(
            dataDir.resolve("data"),
            new ServerOptions.DatabaseOptions(db.jdbcUrl(), db.user(), db.password()));
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
