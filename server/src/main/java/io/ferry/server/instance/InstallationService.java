package io.ferry.server.instance;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Records each start of the console and tells which installation this is. */
@Service
public class InstallationService {

  private final JdbcClient jdbc;
  private final Clock clock;

  InstallationService(JdbcClient jdbc) {
    this.jdbc = jdbc;
    this.clock = Clock.systemUTC();
  }

  /** Records a start, creating the installation on the very first one. */
  @Transactional
  public Installation recordStart() {
    Timestamp now = Timestamp.from(clock.instant());
    Long count = jdbc.sql("select count(*) from installation").query(Long.class).single();
    if (count == 0) {
      jdbc.sql("insert into installation (id, created_at) values (?, ?)")
          .params(UUID.randomUUID().toString(), now)
          .update();
    }
    jdbc.sql("insert into server_start (started_at) values (?)").params(now).update();
    return current();
  }

  /** The installation as stored now. */
  @Transactional(readOnly = true)
  public Installation current() {
    return jdbc.sql(
            "select i.id, i.created_at, (select count(*) from server_start) as starts,"
                + " (select max(started_at) from server_start) as last_started"
                + " from installation i")
        .query(
            (rs, row) ->
                new Installation(
                    rs.getString("id"),
                    rs.getTimestamp("created_at").toInstant(),
                    rs.getLong("starts"),
                    instantOrEpoch(rs.getTimestamp("last_started"))))
        .single();
  }

  private static Instant instantOrEpoch(Timestamp timestamp) {
    return timestamp == null ? Instant.EPOCH : timestamp.toInstant();
  }
}
