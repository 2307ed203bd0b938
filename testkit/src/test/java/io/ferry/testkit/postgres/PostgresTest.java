package io.ferry.testkit.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresTest {

  @RegisterExtension static final Postgres postgres = new Postgres();

  @Test
  void selectOneRunsOnThisClassesFreshDatabase() throws Exception {
    PostgresDatabase database = postgres.database();
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("select 1, current_database()")) {
      assertThat(result.next()).isTrue();
      assertThat(result.getInt(1)).isEqualTo(1);
      assertThat(result.getString(2)).isEqualTo(database.name());
    }
    assertThat(database.jdbcUrl()).startsWith("jdbc:postgresql://127.0.0.1:");
  }

  @Test
  void databaseIsResolvedAsAParameter(PostgresDatabase database) throws Exception {
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement()) {
      statement.execute("create table if not exists release (id int primary key)");
      statement.execute("insert into release values (1) on conflict do nothing");
    }
    assertThat(database).isEqualTo(postgres.database());
  }
}
