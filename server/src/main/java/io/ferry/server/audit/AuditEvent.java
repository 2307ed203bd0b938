package io.ferry.server.audit;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One audited action.
 *
 * @param id the event's number, increasing
 * @param at when it happened
 * @param actor the user who acted, or {@code anonymous}
 * @param action what was done, e.g. {@code user.create}
 * @param target what it was done to, e.g. {@code user:alice}
 * @param result success, failure or denied
 * @param source the client's address
 * @param detail more about it, never a secret
 */
public record AuditEvent(
    long id,
    Instant at,
    String actor,
    String action,
    String target,
    String result,
    String source,
    @Nullable String detail) {}
