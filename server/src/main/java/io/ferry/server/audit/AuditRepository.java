package io.ferry.server.audit;

import io.ferry.server.web.ResultPage;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stores and searches audit events. */
@Repository
class AuditRepository {

  private static final String COLUMNS = "id, at, actor, action, target, result, source, detail";
  private final JdbcClient jdbc;

  AuditRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(AuditEvent event) {
    jdbc.sql(
            "insert into audit_events (at, actor, action, target, result, source, detail)"
                + " values (?, ?, ?, ?, ?, ?, ?)")
        .params(
            Timestamp.from(event.at()),
            event.actor(),
            event.action(),
            event.target(),
            event.result(),
            event.source(),
            event.detail())
        .update();
  }

  long count(AuditFilter filter) {
    Where where = Where.of(filter);
    return jdbc.sql("select count(*) from audit_events" + where.sql())
        .params(where.params())
        .query(Long.class)
        .single();
  }

  List<AuditEvent> page(AuditFilter filter, ResultPage.PageRequest page) {
    Where where = Where.of(filter);
    List<Object> params = new ArrayList<>(where.params());
    params.add(page.size());
    params.add(page.offset());
    return jdbc.sql(
            "select "
                + COLUMNS
                + " from audit_events"
                + where.sql()
                + " order by at desc, id desc limit ? offset ?")
        .params(params)
        .query((rs, row) -> map(rs))
        .list();
  }

  /** Streams every matching event, newest first, without holding them all in memory. */
  void forEach(AuditFilter filter, Consumer<AuditEvent> consumer) {
    Where where = Where.of(filter);
    // A fetch size makes PostgreSQL stream rows (inside the caller's transaction) instead of
    // loading the whole result.
    jdbc.sql(
            "select " + COLUMNS + " from audit_events" + where.sql() + " order by at desc, id desc")
        .withFetchSize(500)
        .params(where.params())
        .query((RowCallbackHandler) rs -> consumer.accept(map(rs)));
  }

  private static AuditEvent map(ResultSet rs) throws SQLException {
    return new AuditEvent(
        rs.getLong("id"),
        rs.getTimestamp("at").toInstant(),
        rs.getString("actor"),
        rs.getString("action"),
        rs.getString("target"),
        rs.getString("result"),
        rs.getString("source"),
        rs.getString("detail"));
  }

  /** The SQL where-clause of a filter, with its parameters in order. */
  private record Where(String sql, List<Object> params) {
    static Where of(AuditFilter filter) {
      List<String> clauses = new ArrayList<>();
      List<Object> params = new ArrayList<>();
      if (filter.actor() != null) {
        clauses.add("actor = ?");
        params.add(filter.actor());
      }
      if (filter.action() != null) {
        if (filter.action().endsWith(".")) {
          clauses.add("action like ?");
          params.add(escapeLike(filter.action()) + "%");
        } else {
          clauses.add("action = ?");
          params.add(filter.action());
        }
      }
      if (filter.target() != null) {
        clauses.add("target like ?");
        params.add("%" + escapeLike(filter.target()) + "%");
      }
      if (filter.result() != null) {
        clauses.add("result = ?");
        params.add(filter.result());
      }
      if (filter.from() != null) {
        clauses.add("at >= ?");
        params.add(Timestamp.from(filter.from()));
      }
      if (filter.to() != null) {
        clauses.add("at < ?");
        params.add(Timestamp.from(filter.to()));
      }
      String sql = clauses.isEmpty() ? "" : " where " + String.join(" and ", clauses);
      return new Where(sql, params);
    }

    private static String escapeLike(String value) {
      // Both H2 and PostgreSQL use backslash as the default LIKE escape character.
      return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
  }
}
