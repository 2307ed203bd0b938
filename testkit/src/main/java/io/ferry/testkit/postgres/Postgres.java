package io.ferry.testkit.postgres;

import io.ferry.testkit.ServiceExtension;
import io.ferry.testkit.TestkitException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives each test class a fresh database on one real PostgreSQL server per test run; the server
 * stops when JUnit closes its root store at the end of the run.
 */
public final class Postgres extends ServiceExtension {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(Postgres.class);
  private static final AtomicInteger DATABASES = new AtomicInteger();

  private final Duration startTimeout;
  private @Nullable PostgresServer server;
  private @Nullable PostgresDatabase database;

  /** A fresh database per test class on the shared server, for {@code @ExtendWith}. */
  public Postgres() {
    this(Duration.ofSeconds(60));
  }

  private Postgres(Duration startTimeout) {
    this.startTimeout = startTimeout;
  }

  /** Returns an extension that waits up to {@code startTimeout} for initdb and the server. */
  public static Postgres withStartTimeout(Duration startTimeout) {
    return new Postgres(startTimeout);
  }

  @Override
  protected void start(ExtensionContext context) {
    PostgresServer shared =
        context
            .getRoot()
            .getStore(NAMESPACE)
            .computeIfAbsent(
                PostgresServer.class,
                key -> PostgresServer.start(startTimeout),
                PostgresServer.class);
    server = shared;
    database = shared.createDatabase(databaseName(context));
  }

  @Override
  protected void stop(ExtensionContext context) {
    PostgresServer shared = server;
    PostgresDatabase current = database;
    database = null;
    if (shared != null && current != null) {
      shared.dropDatabase(current.name());
    }
  }

  @Override
  protected @Nullable Object resolve(Class<?> type) {
    if (type == PostgresDatabase.class) {
      return database;
    }
    return super.resolve(type);
  }

  /** Returns this test class's database. */
  public PostgresDatabase database() {
    PostgresDatabase current = database;
    if (current == null) {
      throw new TestkitException(
          "No database yet: register Postgres with @RegisterExtension or @ExtendWith first");
    }
    return current;
  }

  /** Returns the server shared by all test classes of this run. */
  public PostgresServer server() {
    PostgresServer shared = server;
    if (shared == null) {
      throw new TestkitException(
          "PostgreSQL is not running: register Postgres with @RegisterExtension or @ExtendWith");
    }
    return shared;
  }

  private static String databaseName(ExtensionContext context) {
    String owner =
        context.getTestClass().map(Class::getSimpleName).orElse("test").toLowerCase(Locale.ROOT);
    String cleaned = owner.replaceAll("[^a-z0-9_]", "_");
    return "ferry_"
        + cleaned.substring(0, Math.min(cleaned.length(), 40))
        + "_"
        + DATABASES.incrementAndGet();
  }
}
