package io.ferry.oci.registry;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One registry call: how to build its request and what to make of the answer. {@link
 * RegistryCaller} adds authentication, retries and error reporting around it. Calls are records of
 * what they need, so each is only its request and its answer.
 */
interface RegistryEndpoint<T> {

  /** What is tried, for errors: {@code push blob sha256:…}. */
  String operation();

  /** The repository the call is about, or null for registry-wide calls. */
  @Nullable String repository();

  /**
   * Token scopes the call needs, e.g. {@code repository:app:pull,push}; pulling from {@link
   * #repository} unless the call says otherwise.
   */
  default List<String> scopes() {
    String repository = repository();
    return repository == null ? List.of() : pull(repository);
  }

  /** A fresh request, built again for every attempt so that bodies can be re-read. */
  HttpRequest.Builder request(URI base);

  /** Statuses {@link #handle} takes; any other is an error. */
  Set<Integer> acceptedStatuses();

  /**
   * Turns an accepted answer into the result. Must close the body unless the result is a stream
   * over it.
   */
  T handle(HttpResponse<InputStream> response) throws IOException;

  /** Whether the caller may retry this call by itself (false when a retry must restart more). */
  default boolean retryable() {
    return true;
  }

  static List<String> pull(String repository) {
    return List.of("repository:" + repository + ":pull");
  }

  static List<String> push(String repository) {
    return List.of("repository:" + repository + ":pull,push");
  }
}
