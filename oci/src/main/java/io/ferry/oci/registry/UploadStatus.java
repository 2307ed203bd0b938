package io.ferry.oci.registry;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET <location>}: how many bytes of an interrupted chunked upload the registry holds, so
 * the upload goes on from there instead of from the start.
 */
record UploadStatus(String repository, String location, String blob, Duration timeout)
    implements RegistryEndpoint<UploadStatus.Progress> {

  /** The registry's offset and the location to continue at. */
  record Progress(long received, String location) {}

  private static final Pattern RANGE = Pattern.compile("(?:bytes=)?0-(-?\\d+)");

  @Override
  public String operation() {
    return "ask how much of blob " + blob + " was received";
  }

  @Override
  public List<String> scopes() {
    return RegistryEndpoint.push(repository);
  }

  @Override
  public HttpRequest.Builder request(URI base) {
    return HttpRequest.newBuilder(base.resolve(location)).timeout(timeout).GET();
  }

  @Override
  public Set<Integer> acceptedStatuses() {
    return Set.of(204);
  }

  @Override
  public Progress handle(HttpResponse<InputStream> response) throws IOException {
    RegistryCaller.discard(response);
    String range = response.headers().firstValue("Range").orElse("0--1");
    Matcher matcher = RANGE.matcher(range.strip());
    // Distribution answers "0-<last byte>", which is "0--1" before the first byte arrives.
    long received = matcher.matches() ? Math.max(0, Long.parseLong(matcher.group(1)) + 1) : 0;
    return new Progress(received, response.headers().firstValue("Location").orElse(location));
  }
}
