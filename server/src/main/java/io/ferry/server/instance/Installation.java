package io.ferry.server.instance;

import java.time.Instant;

/**
 * This console's installation: created on the first start, kept across restarts.
 *
 * @param id a random identifier fixed at the first start
 * @param createdAt when the installation was first started
 * @param starts how many times the console has started on this data directory
 * @param lastStartedAt when the console started most recently
 */
public record Installation(String id, Instant createdAt, long starts, Instant lastStartedAt) {}
