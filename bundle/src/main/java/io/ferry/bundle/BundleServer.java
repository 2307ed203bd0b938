package io.ferry.bundle;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ferry.oci.Digest;
import io.ferry.oci.manifest.Manifest;
import io.ferry.oci.registry.BlobSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A read-only OCI registry straight from a bundle file, for sites without a registry: {@code /v2/},
 * manifests by tag or digest, blobs (with {@code Range}), tags list and catalog (with the spec's
 * {@code n}/{@code last} pagination). Writes are answered 405 {@code UNSUPPORTED}, as the
 * distribution spec has registries that do not allow them. Repositories are named as {@code push}
 * would name them, {@code <project>/<name>}.
 */
public final class BundleServer implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern MANIFEST = Pattern.compile("/v2/(.+)/manifests/([^/]+)");
  private static final Pattern BLOB = Pattern.compile("/v2/(.+)/blobs/([^/]+)");
  private static final Pattern TAGS = Pattern.compile("/v2/(.+)/tags/list");

  /** RFC 9110 allows whitespace around the range (bytes= 0-5), as distribution accepts. */
  private static final Pattern RANGE = Pattern.compile("bytes=\\s*(\\d*)\\s*-\\s*(\\d*)\\s*");

  private final BundleFile bundle;
  private final Map<String, BundleIndex.Blob> blobs = new HashMap<>();
  private final ServedRepositories repositories;
  private final HttpServer server;
  private final PlainHttpFront front;
  private final ExecutorService executor;

  private final VerifyReport.SignatureStatus signature;

  private BundleServer(
      BundleFile bundle,
      BundleIndex index,
      VerifyReport.SignatureStatus signature,
      ServedRepositories repositories,
      HttpServer server,
      PlainHttpFront front,
      ExecutorService executor) {
    this.bundle = bundle;
    this.signature = signature;
    index.blobs().forEach(blob -> blobs.put(blob.digest(), blob));
    this.repositories = repositories;
    this.server = server;
    this.front = front;
    this.executor = executor;
  }

  /**
   * Verifies {@code file} completely (with {@code key} when given), then serves it on {@code
   * listen}; {@code project} defaults to the spec's {@code spec.registry.project}.
   */
  public static BundleServer start(
      java.nio.file.Path file,
      InetSocketAddress listen,
      Optional<String> project,
      Optional<VerifyingKey> key) {
    return start(file, listen, project, Map.of(), key);
  }

  /**
   * As {@link #start(java.nio.file.Path, InetSocketAddress, Optional, Optional)}, serving the
   * images of the source repositories {@code map} names under the repositories it maps them to, as
   * {@code push --map} does.
   */
  public static BundleServer start(
      java.nio.file.Path file,
      InetSocketAddress listen,
      Optional<String> project,
      Map<String, String> map,
      Optional<VerifyingKey> key) {
    return start(file, listen, project, map, key, PlainHttpFront.DEFAULT_IDLE);
  }

  /** As the one above, with the idle time after which a connection is closed. */
  static BundleServer start(
      java.nio.file.Path file,
      InetSocketAddress listen,
      Optional<String> project,
      Map<String, String> map,
      Optional<VerifyingKey> key,
      Duration idle) {
    BundleFile bundle = BundleFile.open(file);
    VerifyReport report = new BundleVerifier().verify(bundle, key);
    if (!report.ok()) {
      throw new BundleException(
          "Tried to serve "
              + file
              + " but it failed verification:\n  - "
              + String.join("\n  - ", report.problems()));
    }
    ServedRepositories repositories =
        ServedRepositories.of(
            bundle, report, project.orElse(report.index().platform().registryProject()), map);
    // The JDK's server listens on loopback only; clients reach it through the front, which answers
    // the TLS hellos of clients that try HTTPS first (PlainHttpFront).
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    } catch (IOException e) {
      throw new BundleException(
          "Tried to start the HTTP server behind "
              + hostAndPort(listen)
              + " but failed: "
              + e.getMessage(),
          e);
    }
    PlainHttpFront front;
    try {
      front = PlainHttpFront.start(listen, server.getAddress(), idle);
    } catch (IOException e) {
      server.stop(0);
      throw new BundleException(
          "Tried to listen on "
              + hostAndPort(listen)
              + " but failed: "
              + e.getMessage()
              + (String.valueOf(e.getMessage()).contains("in use")
                  ? " (another process listens there: pick another port with --listen)"
                  : ""),
          e);
    }
    // A thread per request in flight, as the front has per connection: with a fixed few, as many
    // slow blob downloads held every one and /v2/ and manifests waited behind them.
    ExecutorService executor = DaemonPool.cached("ferry-serve");
    BundleServer served =
        new BundleServer(
            bundle, report.index(), report.signature(), repositories, server, front, executor);
    server.setExecutor(executor);
    server.createContext("/", served::handle);
    server.start();
    return served;
  }

  private static String hostAndPort(InetSocketAddress address) {
    return address.getHostString() + ":" + address.getPort();
  }

  /** The address it listens on (with the real port when 0 was asked for). */
  public InetSocketAddress address() {
    return front.address();
  }

  /** What the signature check at start found. */
  public VerifyReport.SignatureStatus signature() {
    return signature;
  }

  /** The repositories served. */
  public List<String> repositories() {
    return repositories.names();
  }

  @Override
  public void close() {
    front.close();
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      exchange.getResponseHeaders().set("Docker-Distribution-API-Version", "registry/2.0");
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getPath();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD"); // RFC 9110 15.5.6
        error(
            exchange,
            405,
            "UNSUPPORTED",
            "this registry serves a Ferry bundle and is read-only; push to the site registry with 'ferry bundle push'");
        return;
      }
      boolean head = method.equals("HEAD");
      if (path.equals("/v2/") || path.equals("/v2")) {
        json(exchange, 200, Map.of(), head);
        return;
      }
      if (path.equals("/v2/_catalog")) {
        list(exchange, "/v2/_catalog", "repositories", repositories.names(), Map.of(), head);
        return;
      }
      Matcher matcher;
      if ((matcher = TAGS.matcher(path)).matches()) {
        Optional<ServedRepositories.Repository> repository = repositories.get(matcher.group(1));
        if (repository.isEmpty()) {
          error(
              exchange,
              404,
              "NAME_UNKNOWN",
              "repository " + matcher.group(1) + " is not in the bundle");
          return;
        }
        list(
            exchange,
            path,
            "tags",
            List.copyOf(repository.get().tags().keySet()),
            Map.of("name", matcher.group(1)),
            head);
      } else if ((matcher = MANIFEST.matcher(path)).matches()) {
        manifest(exchange, matcher.group(1), matcher.group(2), head);
      } else if ((matcher = BLOB.matcher(path)).matches()) {
        blob(exchange, matcher.group(1), matcher.group(2), head);
      } else {
        error(exchange, 404, "NOT_FOUND", "no such endpoint: " + path);
      }
    } catch (IOException e) {
      // the client went away mid-response; nothing to tell it
    }
  }

  /**
   * A list of names ({@code field}), sorted, paginated as the distribution spec has it: {@code n}
   * names at most after the name {@code last}, and a {@code Link} to the next page when there is
   * one. Without {@code n}, every name after {@code last}.
   */
  private static void list(
      HttpExchange exchange,
      String path,
      String field,
      List<String> sorted,
      Map<String, Object> fields,
      boolean head)
      throws IOException {
    Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
    String last = query.get("last");
    List<String> after =
        last == null ? sorted : sorted.stream().filter(name -> name.compareTo(last) > 0).toList();
    String n = query.get("n");
    List<String> page = after;
    if (n != null) {
      int limit;
      try {
        // a count beyond what there is asks for all of it
        limit = (int) Math.min(Long.parseLong(n), Integer.MAX_VALUE);
      } catch (NumberFormatException e) {
        limit = n.matches("[0-9]+") ? Integer.MAX_VALUE : -1; // digits beyond a long: all
      }
      if (limit < 0) {
        error(
            exchange,
            400,
            "PAGINATION_NUMBER_INVALID",
            "n=" + n + " is not a number of entries (0 or more)");
        return;
      }
      if (after.size() > limit) {
        page = after.subList(0, limit);
        if (limit > 0) {
          exchange
              .getResponseHeaders()
              .set(
                  "Link",
                  "<"
                      + path
                      + "?n="
                      + limit
                      + "&last="
                      + URLEncoder.encode(page.get(limit - 1), StandardCharsets.UTF_8)
                      + ">; rel=\"next\"");
        }
      }
    }
    Map<String, Object> body = new LinkedHashMap<>(fields);
    body.put(field, page);
    json(exchange, 200, body, head);
  }

  /** The parameters of a query string, decoded; the first value of each. */
  private static Map<String, String> query(@Nullable String rawQuery) {
    Map<String, String> parameters = new HashMap<>();
    if (rawQuery != null) {
      for (String pair : rawQuery.split("&")) {
        int equals = pair.indexOf('=');
        String name = equals < 0 ? pair : pair.substring(0, equals);
        String value = equals < 0 ? "" : pair.substring(equals + 1);
        parameters.putIfAbsent(
            URLDecoder.decode(name, StandardCharsets.UTF_8),
            URLDecoder.decode(value, StandardCharsets.UTF_8));
      }
    }
    return parameters;
  }

  private void manifest(HttpExchange exchange, String name, String reference, boolean head)
      throws IOException {
    Optional<ServedRepositories.Repository> repository = repositories.get(name);
    if (repository.isEmpty()) {
      error(exchange, 404, "NAME_UNKNOWN", "repository " + name + " is not in the bundle");
      return;
    }
    boolean byTag = !reference.contains(":");
    Manifest stored =
        byTag
            ? repository.get().tags().get(reference)
            : repository.get().manifests().get(reference);
    if (stored == null) {
      error(
          exchange,
          404,
          "MANIFEST_UNKNOWN",
          "manifest " + reference + " of " + name + " is not in the bundle");
      return;
    }
    Manifest manifest =
        AcceptedManifest.choose(
            stored,
            byTag,
            exchange.getRequestHeaders().getOrDefault("Accept", List.of()),
            repository.get().manifests());
    byte[] raw = manifest.raw();
    exchange.getResponseHeaders().set("Vary", "Accept"); // caches keep one answer per Accept
    exchange.getResponseHeaders().set("Content-Type", manifest.mediaType());
    exchange.getResponseHeaders().set("Docker-Content-Digest", manifest.digest().toString());
    if (unchanged(exchange, manifest.digest())) {
      return;
    }
    send(exchange, 200, raw, head);
  }

  /**
   * Content named by a digest never changes, so its digest is its {@code ETag}; a client that names
   * it in {@code If-None-Match} has it and gets {@code 304} without a body, as from distribution.
   */
  private static boolean unchanged(HttpExchange exchange, Digest digest) throws IOException {
    String etag = "\"" + digest + "\"";
    exchange.getResponseHeaders().set("ETag", etag);
    String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
    if (ifNoneMatch == null || !(ifNoneMatch.contains(etag) || ifNoneMatch.trim().equals("*"))) {
      return false;
    }
    exchange.sendResponseHeaders(304, -1);
    return true;
  }

  private void blob(HttpExchange exchange, String name, String reference, boolean head)
      throws IOException {
    Optional<ServedRepositories.Repository> repository = repositories.get(name);
    if (repository.isEmpty()) {
      error(exchange, 404, "NAME_UNKNOWN", "repository " + name + " is not in the bundle");
      return;
    }
    Digest digest;
    try {
      digest = Digest.parse(reference);
    } catch (IllegalArgumentException e) {
      error(exchange, 400, "DIGEST_INVALID", e.getMessage());
      return;
    }
    if (!repository.get().blobs().contains(digest.toString())
        && !repository.get().manifests().containsKey(digest.toString())) {
      error(
          exchange,
          404,
          "BLOB_UNKNOWN",
          "blob " + digest + " of " + name + " is not in the bundle");
      return;
    }
    BundleIndex.Blob listed = blobs.get(digest.toString());
    BlobSource content = bundle.blobSource(listed, false).orElseThrow();
    long size = listed.size();
    long start = 0;
    long end = size - 1;
    int status = 200;
    if (unchanged(exchange, digest)) {
      return;
    }
    String range = exchange.getRequestHeaders().getFirst("Range");
    String ifRange = exchange.getRequestHeaders().getFirst("If-Range");
    // A unit other than bytes, several ranges at once, or an If-Range naming other content: the
    // whole blob (RFC 9110 14.2, 13.1.5).
    if (range != null
        && range.trim().startsWith("bytes=")
        && !range.contains(",")
        && (ifRange == null || ifRange.trim().equals("\"" + digest + "\""))) {
      long[] bounds = byteRange(range.trim(), size);
      if (bounds == null) {
        exchange.getResponseHeaders().set("Content-Range", "bytes */" + size);
        error(
            exchange,
            416,
            "RANGE_INVALID",
            "range " + range + " is outside the blob's " + size + " bytes");
        return;
      }
      start = bounds[0];
      end = bounds[1];
      status = 206;
      exchange.getResponseHeaders().set("Content-Range", "bytes " + start + "-" + end + "/" + size);
    }
    long length = end - start + 1;
    exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
    exchange.getResponseHeaders().set("Docker-Content-Digest", digest.toString());
    exchange.getResponseHeaders().set("Accept-Ranges", "bytes");
    if (head) {
      exchange.getResponseHeaders().set("Content-Length", String.valueOf(length));
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    // Opened before the answer starts: a range of a layer stored compressed is reached by
    // decompressing up to it, which can fail (a corrupted bundle) or take a while, and both are
    // better told or waited for before a 206 is half sent.
    InputStream opened;
    try {
      opened = content.open(start);
    } catch (IOException e) {
      error(
          exchange,
          500,
          "UNKNOWN",
          "blob " + digest + " could not be read from the bundle: " + e.getMessage());
      return;
    }
    exchange.sendResponseHeaders(status, length);
    try (InputStream in = opened;
        OutputStream out = exchange.getResponseBody()) {
      byte[] buffer = new byte[1 << 16];
      long left = length;
      int n;
      while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
        out.write(buffer, 0, n);
        left -= n;
      }
    }
  }

  private static void json(HttpExchange exchange, int status, Object body, boolean head)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    send(exchange, status, JSON.writeValueAsBytes(body), head);
  }

  private static void error(HttpExchange exchange, int status, String code, String message)
      throws IOException {
    json(
        exchange,
        status,
        Map.of("errors", List.of(Map.of("code", code, "message", message))),
        // a HEAD answer has no body: with one, the JDK's server logs a warning for every probe
        exchange.getRequestMethod().equals("HEAD"));
  }

  private static void send(HttpExchange exchange, int status, byte[] body, boolean head)
      throws IOException {
    if (head) {
      exchange.getResponseHeaders().set("Content-Length", String.valueOf(body.length));
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /**
   * The first and last byte a {@code Range} header asks for in content of {@code size} bytes:
   * {@code bytes=FIRST-LAST}, {@code bytes=FIRST-} or {@code bytes=-SUFFIX} (the last SUFFIX
   * bytes), clipped to the content; null when it asks for none of it or is not such a range.
   */
  static long @Nullable [] byteRange(String header, long size) {
    Matcher matcher = RANGE.matcher(header);
    if (!matcher.matches() || (matcher.group(1).isEmpty() && matcher.group(2).isEmpty())) {
      return null;
    }
    try {
      if (matcher.group(1).isEmpty()) {
        long suffix = Long.parseLong(matcher.group(2));
        return suffix == 0 || size == 0 ? null : new long[] {Math.max(0, size - suffix), size - 1};
      }
      long first = Long.parseLong(matcher.group(1));
      long last = matcher.group(2).isEmpty() ? size - 1 : Long.parseLong(matcher.group(2));
      return first >= size || last < first ? null : new long[] {first, Math.min(last, size - 1)};
    } catch (NumberFormatException e) {
      return null; // more digits than a long holds
    }
  }
}
