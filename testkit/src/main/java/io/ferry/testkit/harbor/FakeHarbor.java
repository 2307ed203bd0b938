package io.ferry.testkit.harbor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ferry.testkit.TestkitException;
import io.ferry.testkit.http.QueryString;
import io.ferry.testkit.http.RecordedRequest;
import io.ferry.testkit.registry.OciRegistry;
import io.ferry.testkit.registry.RegistryCredentials;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A Harbor stand-in on a free 127.0.0.1 port: Harbor's project API v2.0 answered in the test JVM,
 * and every {@code /v2/…} request forwarded to a real {@link OciRegistry}, so the API and the
 * registry share one {@code host:port} as in a real Harbor. No Harbor can run on these machines;
 * the answers follow Harbor's {@code api/v2.0/swagger.yaml} and its project handler:
 *
 * <ul>
 *   <li>{@code HEAD /api/v2.0/projects?project_name=P}: 401 without valid basic credentials (Harbor
 *       treats wrong ones as anonymous), else 200 or 404;
 *   <li>{@code GET /api/v2.0/projects?name=P}: the projects whose name contains P, as JSON;
 *   <li>{@code POST /api/v2.0/projects} with {@code
 *       {"project_name":P,"metadata":{"public":"false"}}}: 201 with {@code Location:
 *       /api/v2.0/projects/<id>}; 401; 403 {@code Only system admin can create project} for a user
 *       without that right (Harbor's "admin only" project creation); 409 {@code CONFLICT} when P
 *       exists; 400 for a missing name or a public flag other than {@code "true"}/{@code "false"};
 *   <li>{@code /v2/<project>/…} for a project that does not exist: 401 {@code UNAUTHORIZED: project
 *       P not found} with an empty {@code Www-Authenticate}, before the registry sees it, as
 *       Harbor's {@code v2auth} middleware answers (it wraps every failed check as unauthorized).
 * </ul>
 *
 * <p>Every request is recorded (bodies of API calls only; registry bodies are streamed through).
 */
public final class FakeHarbor implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PROJECTS = "/api/v2.0/projects";

  private final HttpServer server;
  private final ExecutorService executor;
  private final RegistryProxy proxy;
  private final Map<String, User> users;
  private final Map<String, Project> projects = new ConcurrentHashMap<>();
  private final Set<String> racing = ConcurrentHashMap.newKeySet();
  private final AtomicInteger ids = new AtomicInteger();
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

  private FakeHarbor(Builder builder) throws IOException {
    this.users = Map.copyOf(builder.users);
    builder.projects.forEach(name -> addProject(name, true));
    this.proxy = new RegistryProxy(builder.registry.baseUri(), builder.registry.newHttpClient());
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    executor =
        Executors.newFixedThreadPool(
            16,
            runnable -> {
              Thread thread = new Thread(runnable, "ferry-fake-harbor");
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Starts describing a Harbor in front of {@code registry} (started, plain HTTP or TLS). */
  public static Builder builder(OciRegistry registry) {
    return new Builder(registry);
  }

  /** Returns {@code 127.0.0.1:<port>}, the registry part of image references. */
  public String hostAndPort() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  /** Returns {@code http://127.0.0.1:<port>}. */
  public URI baseUri() {
    return URI.create("http://" + hostAndPort());
  }

  /** Returns the names of the projects that exist now, with whether each is public. */
  public Map<String, Boolean> projects() {
    Map<String, Boolean> result = new LinkedHashMap<>();
    projects.values().stream()
        .sorted((a, b) -> Integer.compare(a.id(), b.id()))
        .forEach(p -> result.put(p.name(), p.isPublic()));
    return result;
  }

  /**
   * Plays another client creating {@code project} between this Harbor's next existence check for it
   * (which still answers 404) and the creation request that follows.
   */
  public void createConcurrentlyAfterNextCheck(String project) {
    racing.add(project);
  }

  /** Returns every request received so far, oldest first; paths include the query. */
  public List<RecordedRequest> requests() {
    return new ArrayList<>(requests);
  }

  /** Returns the requests to {@code /api/v2.0/projects}, oldest first. */
  public List<RecordedRequest> projectRequests() {
    return requests.stream().filter(r -> r.path().startsWith(PROJECTS)).toList();
  }

  /** Returns the requests to the registry API ({@code /v2/…}), oldest first. */
  public List<RecordedRequest> registryRequests() {
    return requests.stream().filter(r -> r.path().startsWith("/v2/")).toList();
  }

  /** Returns the user's credentials, for building clients in tests. */
  public Optional<RegistryCredentials> credentials(String username) {
    return Optional.ofNullable(users.get(username)).map(User::credentials);
  }

  /** Stops the server at once. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getRawPath();
      String query = exchange.getRequestURI().getRawQuery();
      String recordedPath = query == null ? path : path + "?" + query;
      if (path.startsWith("/v2/")) {
        requests.add(record(exchange, recordedPath, new byte[0]));
        String project = projectOf(path);
        if (project != null && !projects.containsKey(project)) {
          exchange.getResponseHeaders().set("Docker-Distribution-Api-Version", "registry/2.0");
          exchange.getResponseHeaders().set("Www-Authenticate", "");
          send(exchange, 401, error("UNAUTHORIZED", "project " + project + " not found"));
        } else {
          proxy.forward(exchange, baseUri());
        }
        return;
      }
      byte[] body = exchange.getRequestBody().readAllBytes();
      requests.add(record(exchange, recordedPath, body));
      if (path.equals(PROJECTS) || path.equals(PROJECTS + "/")) {
        projectsApi(exchange, body);
      } else {
        send(exchange, 404, error("NOT_FOUND", "no Harbor API at " + path + " in this fake"));
      }
    }
  }

  private void projectsApi(HttpExchange exchange, byte[] body) throws IOException {
    User user = authenticate(exchange);
    Map<String, String> query = QueryString.parse(exchange.getRequestURI().getRawQuery());
    switch (exchange.getRequestMethod()) {
      case "HEAD" -> {
        String name = query.getOrDefault("project_name", "");
        if (user == null) {
          send(exchange, 401, null);
        } else if (name.isEmpty()) {
          send(exchange, 422, null);
        } else if (projects.containsKey(name)) {
          send(exchange, 200, null);
        } else {
          if (racing.remove(name)) {
            addProject(name, false);
          }
          send(exchange, 404, null);
        }
      }
      case "GET" -> {
        String name = query.getOrDefault("name", "");
        List<Map<String, Object>> list = new ArrayList<>();
        for (Map.Entry<String, Boolean> project : projects().entrySet()) {
          if (project.getKey().contains(name) && (user != null || project.getValue())) {
            Project p = projects.get(project.getKey());
            list.add(
                Map.of(
                    "project_id",
                    p.id(),
                    "name",
                    p.name(),
                    "metadata",
                    Map.of("public", String.valueOf(p.isPublic()))));
          }
        }
        exchange.getResponseHeaders().set("X-Total-Count", String.valueOf(list.size()));
        send(exchange, 200, JSON.writeValueAsBytes(list));
      }
      case "POST" -> create(exchange, user, body);
      default ->
          send(exchange, 405, error("METHOD_NOT_ALLOWED", "method not allowed in this fake"));
    }
  }

  private void create(HttpExchange exchange, @Nullable User user, byte[] body) throws IOException {
    if (user == null) {
      send(exchange, 401, error("UNAUTHORIZED", "unauthorized"));
      return;
    }
    if (!user.mayCreateProjects()) {
      send(exchange, 403, error("FORBIDDEN", "Only system admin can create project"));
      return;
    }
    JsonNode request;
    try {
      request = JSON.readTree(body);
    } catch (IOException e) {
      send(exchange, 400, error("BAD_REQUEST", "the body is not JSON: " + e.getMessage()));
      return;
    }
    String name = request == null ? "" : request.path("project_name").asText("");
    String isPublic = request == null ? "" : request.path("metadata").path("public").asText("");
    if (name.isEmpty()) {
      send(exchange, 400, error("BAD_REQUEST", "project_name is required"));
      return;
    }
    if (isPublic.isEmpty()) {
      isPublic = "false";
    }
    if (!isPublic.equals("true") && !isPublic.equals("false")) {
      send(
          exchange,
          400,
          error(
              "BAD_REQUEST",
              "metadata.public should only be 'true' or 'false', but got: '" + isPublic + "'"));
      return;
    }
    Project created = addProject(name, isPublic.equals("true"));
    if (created == null) {
      send(exchange, 409, error("CONFLICT", "The project named " + name + " already exists"));
      return;
    }
    exchange.getResponseHeaders().set("Location", PROJECTS + "/" + created.id());
    send(exchange, 201, null);
  }

  private @Nullable Project addProject(String name, boolean isPublic) {
    Project project = new Project(ids.incrementAndGet(), name, isPublic);
    return projects.putIfAbsent(name, project) == null ? project : null;
  }

  private @Nullable User authenticate(HttpExchange exchange) {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
    int colon = decoded.indexOf(':');
    User user = colon < 0 ? null : users.get(decoded.substring(0, colon));
    return user != null && user.credentials().password().equals(decoded.substring(colon + 1))
        ? user
        : null;
  }

  /** The project of {@code /v2/<project>/<name>/…}; null for {@code /v2/} and {@code _catalog}. */
  private static @Nullable String projectOf(String path) {
    String[] parts = path.substring("/v2/".length()).split("/");
    return parts.length < 3 || parts[0].isEmpty() ? null : parts[0];
  }

  private static byte[] error(String code, String message) {
    try {
      Map<String, String> entry = new LinkedHashMap<>();
      entry.put("code", code);
      entry.put("message", message);
      return JSON.writeValueAsBytes(Map.of("errors", List.of(entry)));
    } catch (IOException e) {
      throw new TestkitException("Tried to write a Harbor error body but failed", e);
    }
  }

  private static void send(HttpExchange exchange, int status, byte @Nullable [] body)
      throws IOException {
    if (body == null || exchange.getRequestMethod().equals("HEAD")) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static RecordedRequest record(HttpExchange exchange, String path, byte[] body) {
    return new RecordedRequest(
        exchange.getRequestMethod(), path, Map.copyOf(exchange.getRequestHeaders()), body);
  }

  private record Project(int id, String name, boolean isPublic) {}

  private record User(RegistryCredentials credentials, boolean mayCreateProjects) {}

  /** Describes a fake Harbor: its users and the projects it starts with. */
  public static final class Builder {
    private final OciRegistry registry;
    private final Map<String, User> users = new LinkedHashMap<>();
    private final List<String> projects = new ArrayList<>(List.of("library"));

    private Builder(OciRegistry registry) {
      this.registry = registry;
    }

    /**
     * Adds a user; {@code mayCreateProjects} false plays a user who is not a system admin while
     * Harbor's project creation is set to "admin only" (or a project-level robot account).
     */
    public Builder user(String username, String password, boolean mayCreateProjects) {
      users.put(username, new User(new RegistryCredentials(username, password), mayCreateProjects));
      return this;
    }

    /** Adds a public project that exists from the start (besides {@code library}). */
    public Builder project(String name) {
      projects.add(name);
      return this;
    }

    /** Starts the fake on a free loopback port. */
    public FakeHarbor start() {
      if (users.isEmpty()) {
        throw new IllegalArgumentException(
            "users was '[]' but it must name at least one user (Harbor has an admin)");
      }
      try {
        return new FakeHarbor(this);
      } catch (IOException e) {
        throw new TestkitException("Tried to start a fake Harbor on 127.0.0.1", e);
      }
    }
  }
}
