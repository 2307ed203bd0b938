package io.ferry.server.user;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A local user as the API shows it; the password hash never leaves the repository.
 *
 * @param id the user's number
 * @param username the login name
 * @param displayName the name shown in the console
 * @param role what the user may do
 * @param enabled whether the user may log in
 * @param mustChangePassword whether the next login must set a new password first
 * @param locale the chosen console language ({@code en}, {@code zh-CN}), or null for the browser's
 * @param lockedUntil until when logins are refused after repeated failures, or null
 * @param createdAt when the user was created
 */
public record User(
    long id,
    String username,
    String displayName,
    Role role,
    boolean enabled,
    boolean mustChangePassword,
    @Nullable String locale,
    @Nullable Instant lockedUntil,
    Instant createdAt) {}
