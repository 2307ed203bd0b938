package io.ferry.cli.platform;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A small in-memory Kubernetes API on 127.0.0.1 for the CLI tests: get, list (with equality label
 * selectors), create, delete, and server-side apply played as create-or-replace; workloads it
 * stores get a finished rollout status at once unless the test stalls them.
 *
 * <p>Why not fabric8's KubernetesMockServer, as the platform module's tests use: the CLI module's
 * build does not have it on its test classpath, and this branch may not change that build file.
 */
final class FakeKubernetes implements AutoCloseable {

  /** One request as it arrived. */
  record Request(String method, String path, String contentType) {}

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Set<String> COLLECTIONS =
      Set.of(
          "namespaces",
          "configmaps",
          "services",
          "endpoints",
          "statefulsets",
          "deployments",
          "ingresses",
          "resourcequotas",
          "pods",
          "events",
          "persistentvolumeclaims",
          "storageclasses");

  private final Map<String, ObjectNode> objects = new ConcurrentHashMap<>();
  private final Set<String> stalled = ConcurrentHashMap.newKeySet();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final AtomicLong resourceVersion = new AtomicLong(1);
  private final HttpServer server;

  FakeKubernetes() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Workloads of this name never become ready. */
  FakeKubernetes stall(String workload) {
    stalled.add(workload);
    return this;
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  JsonNode object(String path) {
    return objects.get(path);
  }

  Path writeKubeconfig(Path dir) throws IOException {
    Path file = dir.resolve("kubeconfig");
    Files.writeString(
        file,
        """
        apiVersion: v1
        kind: Config
        clusters: [{name: fake, cluster: {server: "%s"}}]
        contexts: [{name: fake, context: {cluster: fake, user: u}}]
        current-context: fake
        users: [{name: u, user: {token: t}}]
        """
            .formatted(url()));
    return file;
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      URI uri = exchange.getRequestURI();
      String path = uri.getPath();
      String type = exchange.getRequestHeaders().getFirst("Content-Type");
      requests.add(new Request(exchange.getRequestMethod(), uri.toString(), type));
      Map<String, String> query = query(uri.getRawQuery());
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      switch (exchange.getRequestMethod()) {
        case "GET" -> get(exchange, path, query);
        case "PATCH" -> apply(exchange, path, query, body);
        case "POST" -> {
          ObjectNode object = (ObjectNode) JSON.readTree(body);
          reply(
              exchange,
              201,
              store(path + "/" + object.path("metadata").path("name").asText(), object));
        }
        case "DELETE" -> {
          ObjectNode removed = objects.remove(path);
          reply(
              exchange,
              removed == null ? 404 : 200,
              removed == null ? status(404, "NotFound") : removed);
        }
        default -> reply(exchange, 405, status(405, "MethodNotAllowed"));
      }
    }
  }

  private void get(HttpExchange exchange, String path, Map<String, String> query)
      throws IOException {
    if (path.equals("/version")) {
      reply(
          exchange,
          200,
          JSON.readTree("{\"major\":\"1\",\"minor\":\"30\",\"gitVersion\":\"v1.30.2\"}"));
      return;
    }
    ObjectNode object = objects.get(path);
    if (object != null) {
      reply(exchange, 200, object);
      return;
    }
    String last = path.substring(path.lastIndexOf('/') + 1);
    if (!COLLECTIONS.contains(last)) {
      reply(exchange, 404, status(404, "NotFound"));
      return;
    }
    Map<String, String> selector = new HashMap<>();
    String labels = query.get("labelSelector");
    if (labels != null && !labels.isEmpty()) {
      for (String pair : labels.split(",")) {
        String[] kv = pair.split("=", 2);
        selector.put(kv[0], kv.length > 1 ? kv[1] : "");
      }
    }
    List<JsonNode> items = new ArrayList<>();
    objects.forEach(
        (key, value) -> {
          String parent = key.substring(0, key.lastIndexOf('/'));
          boolean inCollection =
              parent.equals(path)
                  || (!path.contains("/namespaces/")
                      && parent.endsWith("/" + last)
                      && parent.startsWith(path.substring(0, path.lastIndexOf('/'))));
          if (inCollection && matches(value, selector)) {
            items.add(value);
          }
        });
    ObjectNode list = JSON.createObjectNode();
    list.put("apiVersion", "v1");
    list.put("kind", "List");
    list.putObject("metadata").put("resourceVersion", String.valueOf(resourceVersion.get()));
    list.putArray("items").addAll(items);
    reply(exchange, 200, list);
  }

  private void apply(HttpExchange exchange, String path, Map<String, String> query, String body)
      throws IOException {
    ObjectNode object = (ObjectNode) JSON.readTree(body);
    if ("All".equals(query.get("dryRun"))) {
      reply(exchange, 200, object);
      return;
    }
    boolean existed = objects.containsKey(path);
    reply(exchange, existed ? 200 : 201, store(path, object));
  }

  private ObjectNode store(String path, ObjectNode object) {
    ObjectNode previous = objects.get(path);
    ObjectNode metadata = (ObjectNode) object.path("metadata");
    long generation = previous == null ? 1 : previous.path("metadata").path("generation").asLong(1);
    if (previous != null && !previous.path("spec").equals(object.path("spec"))) {
      generation++;
    }
    metadata.put("generation", generation);
    metadata.put("resourceVersion", String.valueOf(resourceVersion.incrementAndGet()));
    String kind = object.path("kind").asText();
    String name = metadata.path("name").asText();
    if ((kind.equals("StatefulSet") || kind.equals("Deployment")) && !stalled.contains(name)) {
      int replicas = object.path("spec").path("replicas").asInt(1);
      ObjectNode status = object.putObject("status");
      status.put("observedGeneration", generation);
      status.put("replicas", replicas);
      status.put("readyReplicas", replicas);
      status.put("updatedReplicas", replicas);
      status.put("availableReplicas", replicas);
      status.put("currentRevision", name + "-" + generation);
      status.put("updateRevision", name + "-" + generation);
    }
    objects.put(path, object);
    return object;
  }

  private static boolean matches(JsonNode object, Map<String, String> selector) {
    JsonNode labels = object.path("metadata").path("labels");
    return selector.entrySet().stream()
        .allMatch(e -> e.getValue().equals(labels.path(e.getKey()).asText(null)));
  }

  private static JsonNode status(int code, String reason) {
    ObjectNode status = JSON.createObjectNode();
    status.put("apiVersion", "v1");
    status.put("kind", "Status");
    status.put("status", "Failure");
    status.put("code", code);
    status.put("reason", reason);
    status.put("message", reason);
    return status;
  }

  private static void reply(HttpExchange exchange, int code, JsonNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(code, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> query = new HashMap<>();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        query.put(
            URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(eq < 0 ? "" : pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return query;
  }
}
