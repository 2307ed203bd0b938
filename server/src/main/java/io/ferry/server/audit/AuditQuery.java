package io.ferry.server.audit;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;

/**
 * The audit filter as request parameters ({@code ?actor=&action=&target=&result=&from=&to=}),
 * shared by the list and the export.
 *
 * @param actor exact user name
 * @param action exact action, or a prefix ending in '.' such as {@code user.}
 * @param target part of the target
 * @param result success, failure or denied
 * @param from at or after (ISO-8601, UTC)
 * @param to before (ISO-8601, UTC)
 */
record AuditQuery(
    @Nullable String actor,
    @Nullable String action,
    @Nullable String target,
    @Nullable String result,
    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant from,
    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant to) {

  AuditFilter filter() {
    return AuditFilters.of(actor, action, target, result, from, to);
  }
}
