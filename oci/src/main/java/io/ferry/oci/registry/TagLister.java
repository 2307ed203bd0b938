package io.ferry.oci.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.ferry.oci.JsonTree;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One page of {@code GET /v2/<name>/tags/list} or {@code GET /v2/_catalog}: the names in the given
 * JSON field and the {@code Link: <…>; rel="next"} to the next page, if any.
 */
final class TagLister implements RegistryEndpoint<TagLister.Page> {

  /** The names on this page and where the next page is, or null at the end. */
  record Page(List<String> names, @Nullable String next) {}

  private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");

  private final @Nullable String repository;
  private final String pageUri;
  private final String field;
  private final Duration timeout;

  private TagLister(@Nullable String repository, String pageUri, String field, Duration timeout) {
    this.repository = repository;
    this.pageUri = pageUri;
    this.field = field;
    this.timeout = timeout;
  }

  static TagLister tags(String repository, @Nullable String next, int pageSize, Duration timeout) {
    return new TagLister(
        repository,
        next != null ? next : "/v2/" + repository + "/tags/list?n=" + pageSize,
        "tags",
        timeout);
  }

  static TagLister catalog(@Nullable String next, int pageSize, Duration timeout) {
    return new TagLister(
        null, next != null ? next : "/v2/_catalog?n=" + pageSize, "repositories", timeout);
  }

  @Override
  public String operation() {
    return repository == null ? "list repositories (catalog)" : "list tags";
  }

  @Override
  public @Nullable String repository() {
    return repository;
  }

  @Override
  public List<String> scopes() {
    return repository == null ? List.of("registry:catalog:*") : RegistryEndpoint.pull(repository);
  }

  @Override
  public HttpRequest.Builder request(URI base) {
    return HttpRequest.newBuilder(base.resolve(pageUri))
        .timeout(timeout)
        .header("Accept", "application/json")
        .GET();
  }

  @Override
  public Set<Integer> acceptedStatuses() {
    return Set.of(200);
  }

  @Override
  public Page handle(HttpResponse<InputStream> response) throws IOException {
    JsonNode json;
    try (InputStream body = response.body()) {
      json = JsonTree.read(body);
    }
    List<String> names = new ArrayList<>();
    JsonNode array = json == null ? null : json.get(field);
    if (array != null && array.isArray()) {
      array.forEach(name -> names.add(name.asText()));
    }
    String next = null;
    for (String link : response.headers().allValues("Link")) {
      Matcher matcher = NEXT.matcher(link);
      if (matcher.find()) {
        next = matcher.group(1);
      }
    }
    return new Page(names, next);
  }
}
