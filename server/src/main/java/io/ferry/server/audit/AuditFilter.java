package io.ferry.server.audit;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Which audit events to list; every field is optional and they combine with "and".
 *
 * @param actor exact user name
 * @param action exact action, or a prefix ending in {@code .} such as {@code user.}
 * @param target substring of the target
 * @param result success, failure or denied
 * @param from at or after
 * @param to before
 */
public record AuditFilter(
    @Nullable String actor,
    @Nullable String action,
    @Nullable String target,
    @Nullable String result,
    @Nullable Instant from,
    @Nullable Instant to) {

  /** No filter: every event. */
  public static AuditFilter all() {
    return new AuditFilter(null, null, null, null, null, null);
  }
}
