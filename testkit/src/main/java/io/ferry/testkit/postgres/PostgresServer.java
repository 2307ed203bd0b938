package io.ferry.testkit.postgres;

import io.ferry.testkit.FreePort;
import io.ferry.testkit.RealService;
import io.ferry.testkit.ServiceDirectory;
import io.ferry.testkit.ServiceProcess;
import io.ferry.testkit.TestkitException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A real PostgreSQL 15 server in a temporary folder on a free 127.0.0.1 port, run as the {@code
 * postgres} OS user when the JVM is root; it creates and drops databases for test classes.
 */
public final class PostgresServer implements AutoCloseable {

  /** Where Debian installs the PostgreSQL 15 server binaries. */
  public static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");

  private static final String SUPERUSER = "ferry";

  private final Path directory;
  private final int port;
  private final String password;
  private final ServiceProcess process;

  private PostgresServer(Path directory, int port, String password, ServiceProcess process) {
    this.directory = directory;
    this.port = port;
    this.password = password;
    this.process = process;
  }

  /** Runs initdb in a fresh temporary folder and starts the server; ready when JDBC connects. */
  public static PostgresServer start(Duration timeout) {
    Path initdb = RealService.require(BIN.resolve("initdb"), "postgresql-15");
    Path postgres = RealService.require(BIN.resolve("postgres"), "postgresql-15");
    RealService.require(BIN.resolve("pg_ctl"), "postgresql-15");
    Path directory = ServiceDirectory.create("postgres");
    String password = UUID.randomUUID().toString();
    Path passwordFile = ServiceDirectory.write(directory.resolve("superuser-password"), password);
    OsUser.handOver(directory);
    Path data = directory.resolve("data");
    ServiceProcess.run(
        "initdb",
        OsUser.asPostgres(
            List.of(
                initdb.toString(),
                "--pgdata=" + data,
                "--username=" + SUPERUSER,
                "--pwfile=" + passwordFile,
                "--auth=scram-sha-256",
                "--encoding=UTF8",
                "--locale=C",
                "--no-sync")),
        directory,
        Map.of(),
        timeout);
    deleteQuietly(passwordFile);
    int port = FreePort.pick();
    ServiceProcess process =
        ServiceProcess.start(
            "postgres",
            OsUser.asPostgres(
                List.of(
                    postgres.toString(),
                    "-D",
                    data.toString(),
                    "-p",
                    Integer.toString(port),
                    "-c",
                    "listen_addresses=127.0.0.1",
                    "-c",
                    "unix_socket_directories=" + directory,
                    // Test data need no durability; this keeps CREATE DATABASE and commits fast.
                    "-c",
                    "fsync=off",
                    "-c",
                    "synchronous_commit=off",
                    "-c",
                    "full_page_writes=off")),
            directory,
            Map.of());
    PostgresServer server = new PostgresServer(directory, port, password, process);
    process.awaitReady(
        "a JDBC connection to " + server.jdbcUrl("postgres"),
        timeout,
        () -> {
          try (Connection connection = server.connectAsSuperuser()) {
            return connection.isValid(2);
          }
        });
    return server;
  }

  /** Creates a new, empty database and returns how to reach it. */
  public PostgresDatabase createDatabase(String name) {
    requireIdentifier(name);
    execute("CREATE DATABASE " + name, "create database " + name);
    return new PostgresDatabase(name, jdbcUrl(name), SUPERUSER, password);
  }

  /** Drops a database, disconnecting whoever still uses it. */
  public void dropDatabase(String name) {
    requireIdentifier(name);
    execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)", "drop database " + name);
  }

  /** Returns the JDBC URL of database {@code name} on this server. */
  public String jdbcUrl(String name) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + name;
  }

  /** Returns the TCP port on 127.0.0.1. */
  public int port() {
    return port;
  }

  /** Returns the folder that holds the data directory, the unix socket and the logs. */
  public Path directory() {
    return directory;
  }

  /** Returns the postmaster's OS process id. */
  public long pid() {
    return process.pid();
  }

  /** Stops the server with {@code pg_ctl stop -m fast}, then kills anything left of its tree. */
  @Override
  public void close() {
    try {
      ServiceProcess.run(
          "pg_ctl-stop",
          OsUser.asPostgres(
              List.of(
                  BIN.resolve("pg_ctl").toString(),
                  "stop",
                  "-D",
                  directory.resolve("data").toString(),
                  "-m",
                  "fast",
                  "-w",
                  "-t",
                  "30")),
          directory,
          Map.of(),
          Duration.ofSeconds(40));
      process.awaitExit(Duration.ofSeconds(10));
    } finally {
      process.stop(Duration.ofSeconds(5));
      ServiceDirectory.delete(directory);
    }
  }

  private Connection connectAsSuperuser() throws SQLException {
    return DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, password);
  }

  private void execute(String sql, String what) {
    try (Connection connection = connectAsSuperuser();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new TestkitException(
          "Tried to " + what + " on " + jdbcUrl("postgres") + " but failed because: " + e, e);
    }
  }

  private static void requireIdentifier(String name) {
    if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
      throw new IllegalArgumentException(
          "database name was '" + name + "' but it must match [a-z_][a-z0-9_]{0,62}");
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // The folder is deleted when the server stops; a leftover file does no harm until then.
    }
  }
}
