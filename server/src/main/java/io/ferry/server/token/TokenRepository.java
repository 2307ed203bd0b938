package io.ferry.server.token;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stores API tokens by the SHA-256 of their secret. */
@Repository
class TokenRepository {

  private static final String SELECT =
      "select t.id, u.username, t.name, t.token_prefix, t.created_at, t.expires_at,"
          + " t.last_used_at, t.revoked_at from api_tokens t join users u on u.id = t.user_id";
  private final JdbcClient jdbc;

  TokenRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  long insert(
      String owner,
      String name,
      String hash,
      String prefix,
      Instant now,
      @Nullable Instant expires) {
    jdbc.sql(
            "insert into api_tokens (user_id, name, token_hash, token_prefix, created_at,"
                + " expires_at) select id, ?, ?, ?, ?, ? from users where username = ?")
        .params(name, hash, prefix, Timestamp.from(now), timestamp(expires), owner)
        .update();
    return jdbc.sql("select id from api_tokens where token_hash = ?")
        .param(hash)
        .query(Long.class)
        .single();
  }

  boolean nameTaken(String owner, String name) {
    return jdbc.sql(
                "select count(*) from api_tokens t join users u on u.id = t.user_id"
                    + " where u.username = ? and t.name = ?")
            .params(owner, name)
            .query(Long.class)
            .single()
        > 0;
  }

  List<ApiToken> listFor(String owner) {
    return jdbc.sql(SELECT + " where u.username = ? order by t.created_at desc, t.id desc")
        .param(owner)
        .query((rs, row) -> map(rs))
        .list();
  }

  List<ApiToken> listAll() {
    return jdbc.sql(SELECT + " order by t.created_at desc, t.id desc")
        .query((rs, row) -> map(rs))
        .list();
  }

  Optional<ApiToken> find(long id) {
    return jdbc.sql(SELECT + " where t.id = ?").param(id).query((rs, row) -> map(rs)).optional();
  }

  Optional<ApiToken> findByHash(String hash) {
    return jdbc.sql(SELECT + " where t.token_hash = ?")
        .param(hash)
        .query((rs, row) -> map(rs))
        .optional();
  }

  void revoke(long id, Instant now) {
    jdbc.sql("update api_tokens set revoked_at = ? where id = ? and revoked_at is null")
        .params(Timestamp.from(now), id)
        .update();
  }

  void touch(long id, Instant now) {
    jdbc.sql("update api_tokens set last_used_at = ? where id = ?")
        .params(Timestamp.from(now), id)
        .update();
  }

  private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }

  private static ApiToken map(ResultSet rs) throws SQLException {
    return new ApiToken(
        rs.getLong(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getTimestamp(5).toInstant(),
        instant(rs.getTimestamp(6)),
        instant(rs.getTimestamp(7)),
        instant(rs.getTimestamp(8)));
  }
}
