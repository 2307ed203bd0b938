package io.ferry.cli.training;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ferry.oci.Digest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The smallest OCI registry the bundle commands' training needs, in memory on a loopback port:
 * manifests by tag or digest, blobs, uploads ({@code POST}, {@code PATCH}, {@code PUT}) and mounts.
 * Blobs are shared by every repository. Not a registry for anything else: no auth, no limits.
 */
final class TrainingRegistry implements AutoCloseable {

  private static final Pattern MANIFEST = Pattern.compile("/v2/(.+)/manifests/([^/]+)");
  private static final Pattern BLOB = Pattern.compile("/v2/(.+)/blobs/(sha256:[0-9a-f]{64})");
  private static final Pattern UPLOADS = Pattern.compile("/v2/(.+)/blobs/uploads/([^/]*)");
  private static final Pattern MOUNT = Pattern.compile("mount=(sha256:[0-9a-f]{64})");
  private static final Pattern DIGEST = Pattern.compile("digest=(sha256:[0-9a-f]{64})");

  /** A stored manifest: its media type and bytes. */
  private record Stored(String mediaType, byte[] content) {}

  private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
  private final Map<String, Stored> manifests = new ConcurrentHashMap<>();
  private final Map<String, ByteArrayOutputStream> uploads = new ConcurrentHashMap<>();
  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(8);

  TrainingRegistry() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 32);
    server.createContext("/v2/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  /** {@code 127.0.0.1:port}. */
  String address() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  Digest putBlob(byte[] content) {
    Digest digest = Digest.of(content);
    blobs.put(digest.toString(), content);
    return digest;
  }

  void putManifest(String repository, String reference, String mediaType, byte[] content) {
    Stored stored = new Stored(mediaType, content);
    manifests.put(repository + "@" + Digest.of(content), stored);
    manifests.put(repository + ":" + reference, stored);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      Matcher m;
      if (path.equals("/v2/")) {
        respond(exchange, 200, "application/json", "{}".getBytes(), null);
      } else if ((m = UPLOADS.matcher(path)).matches()) {
        upload(exchange, method, m.group(1), m.group(2));
      } else if ((m = BLOB.matcher(path)).matches()) {
        byte[] blob = blobs.get(m.group(2));
        if (blob == null) {
          respond(exchange, 404, "application/json", unknown("BLOB_UNKNOWN"), null);
        } else {
          respond(exchange, 200, "application/octet-stream", blob, m.group(2));
        }
      } else if ((m = MANIFEST.matcher(path)).matches()) {
        manifest(exchange, method, m.group(1), m.group(2));
      } else {
        respond(exchange, 404, "application/json", unknown("NAME_UNKNOWN"), null);
      }
    }
  }

  private void manifest(HttpExchange exchange, String method, String repository, String reference)
      throws IOException {
    String key = repository + (reference.startsWith("sha256:") ? "@" : ":") + reference;
    if (method.equals("PUT")) {
      byte[] content = exchange.getRequestBody().readAllBytes();
      String mediaType = exchange.getRequestHeaders().getFirst("Content-Type");
      putManifest(repository, reference, mediaType, content);
      exchange
          .getResponseHeaders()
          .add("Location", "/v2/" + repository + "/manifests/" + reference);
      respond(exchange, 201, null, new byte[0], Digest.of(content).toString());
      return;
    }
    Stored stored = manifests.get(key);
    if (stored == null) {
      respond(exchange, 404, "application/json", unknown("MANIFEST_UNKNOWN"), null);
    } else {
      respond(
          exchange,
          200,
          stored.mediaType(),
          stored.content(),
          Digest.of(stored.content()).toString());
    }
  }

  private void upload(HttpExchange exchange, String method, String repository, String id)
      throws IOException {
    if (method.equals("POST")) {
      String query = String.valueOf(exchange.getRequestURI().getQuery());
      Matcher mount = MOUNT.matcher(query);
      if (mount.find() && blobs.containsKey(mount.group(1))) {
        exchange
            .getResponseHeaders()
            .add("Location", "/v2/" + repository + "/blobs/" + mount.group(1));
        respond(exchange, 201, null, new byte[0], mount.group(1));
        return;
      }
      String session = UUID.randomUUID().toString();
      uploads.put(session, new ByteArrayOutputStream());
      accepted(exchange, repository, session, 0);
      return;
    }
    ByteArrayOutputStream received = uploads.get(id);
    if (received == null) {
      respond(exchange, 404, "application/json", unknown("BLOB_UPLOAD_UNKNOWN"), null);
      return;
    }
    try (InputStream body = exchange.getRequestBody()) {
      received.writeBytes(body.readAllBytes());
    }
    if (method.equals("PATCH")) {
      accepted(exchange, repository, id, received.size());
      return;
    }
    Matcher digest = DIGEST.matcher(String.valueOf(exchange.getRequestURI().getQuery()));
    byte[] content = received.toByteArray();
    if (!digest.find() || !Digest.of(content).toString().equals(digest.group(1))) {
      respond(exchange, 400, "application/json", unknown("DIGEST_INVALID"), null);
      return;
    }
    uploads.remove(id);
    blobs.put(digest.group(1), content);
    exchange
        .getResponseHeaders()
        .add("Location", "/v2/" + repository + "/blobs/" + digest.group(1));
    respond(exchange, 201, null, new byte[0], digest.group(1));
  }

  private static void accepted(HttpExchange exchange, String repository, String session, long size)
      throws IOException {
    exchange
        .getResponseHeaders()
        .add("Location", "/v2/" + repository + "/blobs/uploads/" + session);
    exchange.getResponseHeaders().add("Range", "0-" + Math.max(0, size - 1));
    respond(exchange, 202, null, new byte[0], null);
  }

  private static byte[] unknown(String code) {
    return ("{\"errors\":[{\"code\":\"" + code + "\",\"message\":\"unknown\"}]}").getBytes();
  }

  private static void respond(
      HttpExchange exchange, int status, String contentType, byte[] body, String digest)
      throws IOException {
    if (contentType != null) {
      exchange.getResponseHeaders().add("Content-Type", contentType);
    }
    if (digest != null) {
      exchange.getResponseHeaders().add("Docker-Content-Digest", digest);
    }
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.getResponseHeaders().add("Content-Length", String.valueOf(body.length));
    exchange.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
    if (!head && body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
