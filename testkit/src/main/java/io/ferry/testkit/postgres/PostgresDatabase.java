package io.ferry.testkit.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** A database on the test PostgreSQL server, with what JDBC needs to reach it. */
public record PostgresDatabase(String name, String jdbcUrl, String user, String password) {

  /** Opens a new JDBC connection to this database. */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl, user, password);
  }

  @Override
  public String toString() {
    return "PostgresDatabase[name=" + name + ", jdbcUrl=" + jdbcUrl + ", user=" + user + "]";
  }
}
