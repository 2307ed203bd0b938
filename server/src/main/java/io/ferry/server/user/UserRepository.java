package io.ferry.server.user;

import io.ferry.server.web.ResultPage;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stores users and their password hashes. */
@Repository
public class UserRepository {

  private static final String COLUMNS =
      "id, username, display_name, role, enabled, must_change_password, locale, locked_until,"
          + " created_at";
  private final JdbcClient jdbc;

  UserRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The user with this login name. */
  public Optional<User> find(String username) {
    return jdbc.sql("select " + COLUMNS + " from users where username = ?")
        .param(username)
        .query((rs, row) -> map(rs))
        .optional();
  }

  /** The user with this number. */
  public Optional<User> find(long id) {
    return jdbc.sql("select " + COLUMNS + " from users where id = ?")
        .param(id)
        .query((rs, row) -> map(rs))
        .optional();
  }

  /** The stored password hash of a user. */
  public Optional<String> passwordHash(String username) {
    return jdbc.sql("select password_hash from users where username = ?")
        .param(username)
        .query(String.class)
        .optional();
  }

  long count() {
    return jdbc.sql("select count(*) from users").query(Long.class).single();
  }

  ResultPage<User> list(@Nullable String query, ResultPage.PageRequest page) {
    String where =
        query == null ? "" : " where lower(username) like ? or lower(display_name) like ?";
    List<Object> params = new ArrayList<>();
    if (query != null) {
      String like = "%" + query.toLowerCase(java.util.Locale.ROOT) + "%";
      params.add(like);
      params.add(like);
    }
    long total =
        jdbc.sql("select count(*) from users" + where).params(params).query(Long.class).single();
    params.add(page.size());
    params.add(page.offset());
    List<User> items =
        jdbc.sql(
                "select " + COLUMNS + " from users" + where + " order by username limit ? offset ?")
            .params(params)
            .query((rs, row) -> map(rs))
            .list();
    return new ResultPage<>(items, page.page(), page.size(), total);
  }

  void insert(
      String username,
      String displayName,
      String passwordHash,
      Role role,
      boolean mustChangePassword,
      Instant now) {
    jdbc.sql(
            "insert into users (username, display_name, password_hash, role, enabled,"
                + " must_change_password, failed_logins, created_at, updated_at)"
                + " values (?, ?, ?, ?, true, ?, 0, ?, ?)")
        .params(
            username,
            displayName,
            passwordHash,
            role.id(),
            mustChangePassword,
            Timestamp.from(now),
            Timestamp.from(now))
        .update();
  }

  void update(String username, String displayName, Role role, boolean enabled, Instant now) {
    jdbc.sql(
            "update users set display_name = ?, role = ?, enabled = ?, updated_at = ?"
                + " where username = ?")
        .params(displayName, role.id(), enabled, Timestamp.from(now), username)
        .update();
  }

  void setPassword(String username, String passwordHash, boolean mustChange, Instant now) {
    jdbc.sql(
            "update users set password_hash = ?, must_change_password = ?, failed_logins = 0,"
                + " locked_until = null, updated_at = ? where username = ?")
        .params(passwordHash, mustChange, Timestamp.from(now), username)
        .update();
  }

  void setLocale(String username, @Nullable String locale, Instant now) {
    jdbc.sql("update users set locale = ?, updated_at = ? where username = ?")
        .params(locale, Timestamp.from(now), username)
        .update();
  }

  /** Counts a failed login and returns how many failed in a row, 0 for an unknown user. */
  public int recordFailedLogin(String username) {
    jdbc.sql("update users set failed_logins = failed_logins + 1 where username = ?")
        .param(username)
        .update();
    return jdbc.sql("select failed_logins from users where username = ?")
        .param(username)
        .query(Integer.class)
        .optional()
        .orElse(0);
  }

  /** Refuses logins of a user until the given time. */
  public void lockUntil(String username, Instant until) {
    jdbc.sql("update users set locked_until = ? where username = ?")
        .params(Timestamp.from(until), username)
        .update();
  }

  /** Forgets earlier failed logins after a successful one. */
  public void recordSuccessfulLogin(String username) {
    jdbc.sql("update users set failed_logins = 0, locked_until = null where username = ?")
        .param(username)
        .update();
  }

  private static User map(ResultSet rs) throws SQLException {
    Timestamp locked = rs.getTimestamp("locked_until");
    return new User(
        rs.getLong("id"),
        rs.getString("username"),
        rs.getString("display_name"),
        Role.parse(rs.getString("role")),
        rs.getBoolean("enabled"),
        rs.getBoolean("must_change_password"),
        rs.getString("locale"),
        locked == null ? null : locked.toInstant(),
        rs.getTimestamp("created_at").toInstant());
  }
}
