package io.ferry.oci;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A registry call failed. Carries what was tried, where, what the registry answered (HTTP status
 * and the distribution-spec error codes from its body) and a hint at the likely cause; {@link
 * #getMessage()} puts them in one sentence such as {@code Tried to push blob sha256:ab12… to
 * registry.local/project/app but failed because: 401 Unauthorized [UNAUTHORIZED] (check the
 * credentials …)}.
 */
public final class RegistryException extends OciException {

  private final String registry;
  private final @Nullable String repository;
  private final String operation;
  private final int status;
  private final List<String> errorCodes;
  private final String hint;
  private final @Nullable Duration retryAfter;

  /**
   * @param operation what was tried, e.g. {@code push blob sha256:…}
   * @param status the HTTP status, or 0 when none was received
   * @param answer what the registry or the network answered, e.g. {@code 401 Unauthorized
   *     [UNAUTHORIZED: authentication required]}
   * @param hint the likely cause, or empty
   */
  public RegistryException(
      String registry,
      @Nullable String repository,
      String operation,
      int status,
      List<String> errorCodes,
      String answer,
      String hint,
      @Nullable Throwable cause) {
    this(registry, repository, operation, status, errorCodes, answer, hint, null, cause);
  }

  /** As above, for a {@code 429} or {@code 503} whose {@code Retry-After} said how long to wait. */
  public RegistryException(
      String registry,
      @Nullable String repository,
      String operation,
      int status,
      List<String> errorCodes,
      String answer,
      String hint,
      @Nullable Duration retryAfter,
      @Nullable Throwable cause) {
    super(message(registry, repository, operation, answer, hint), cause);
    this.retryAfter = retryAfter;
    this.registry = registry;
    this.repository = repository;
    this.operation = operation;
    this.status = status;
    this.errorCodes = List.copyOf(errorCodes);
    this.hint = hint;
  }

  private static String message(
      String registry, @Nullable String repository, String operation, String answer, String hint) {
    String where = repository == null ? registry : registry + "/" + repository;
    return "Tried to "
        + operation
        + " on "
        + where
        + " but failed because: "
        + answer
        + (hint.isEmpty() ? "" : " (" + hint + ")");
  }

  /** The registry, {@code host[:port]}. */
  public String registry() {
    return registry;
  }

  /** The repository, or null for registry-wide calls such as the ping or the catalog. */
  public @Nullable String repository() {
    return repository;
  }

  /** What was tried, e.g. {@code pull manifest 1.0}. */
  public String operation() {
    return operation;
  }

  /** The HTTP status the registry answered, or 0 when no answer came (network or TLS failure). */
  public int status() {
    return status;
  }

  /** The distribution-spec error codes from the body, e.g. {@code BLOB_UNKNOWN}. */
  public List<String> errorCodes() {
    return errorCodes;
  }

  /** How long the registry asked to wait before trying again, if it said. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** The likely cause, or empty. */
  public String hint() {
    return hint;
  }
}
