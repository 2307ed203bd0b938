package io.ferry.platform.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.internal.SimpleRequest;
import io.ferry.testkit.http.QueryString;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * fabric8's KubernetesMockServer in CRUD mode (with expectations taking precedence), on 127.0.0.1,
 * plus what CRUD mode lacks: server-side apply requests are recorded and then played as a create
 * (object absent) or a replace keeping resourceVersion and status (object present), with {@code
 * dryRun=All} storing nothing.
 *
 * <p>That is not the API server's field-ownership merge: it lets apply, rollout, revision and prune
 * flows run; the exact SSA requests are checked separately in expectations mode.
 */
public final class MockCluster implements AutoCloseable {

  /** One server-side apply request as it arrived. */
  public record ApplyRequest(
      String path, String contentType, Map<String, String> query, String body) {}

  /** The Kubernetes version the mock server reports. */
  public static final String VERSION = "v1.30.2";

  private final Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
  private final KubernetesMixedDispatcher crud = new KubernetesMixedDispatcher(responses);
  private final List<ApplyRequest> applies = new CopyOnWriteArrayList<>();
  private final KubernetesMockServer server;
  private final KubernetesClient client;

  public MockCluster() {
    server =
        new KubernetesMockServer(
            new Context(), new MockWebServer(), responses, new SsaDispatcher(), false);
    server.setVersionInfo(
        new io.fabric8.kubernetes.client.VersionInfo.Builder()
            .withMajor("1")
            .withMinor("30")
            .withGitVersion(VERSION)
            .build());
    try {
      server.init(InetAddress.getByName("127.0.0.1"), 0);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
    client = clientFor(url());
  }

  /**
   * A client for {@code url} that reads no kubeconfig of this machine and does not offer an h2c
   * upgrade, which the mock server does not answer.
   */
  public static KubernetesClient clientFor(String url) {
    return new io.fabric8.kubernetes.client.KubernetesClientBuilder()
        .withConfig(
            new io.fabric8.kubernetes.client.ConfigBuilder(
                    io.fabric8.kubernetes.client.Config.empty())
                .withMasterUrl(url)
                .withHttp2Disable(true)
                .withRequestRetryBackoffLimit(0)
                .build())
        .build();
  }

  /** The API server's URL, by loopback address rather than by name. */
  public String url() {
    return "http://127.0.0.1:" + server.getPort();
  }

  public KubernetesClient client() {
    return client;
  }

  public KubernetesMockServer server() {
    return server;
  }

  /** Every server-side apply request so far, in order. */
  public List<ApplyRequest> applies() {
    return List.copyOf(applies);
  }

  /** A kubeconfig file with one context {@code mock} pointing at this server. */
  public Path writeKubeconfig(Path dir) throws java.io.IOException {
    Path file = dir.resolve("kubeconfig");
    Files.writeString(
        file,
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: mock
          cluster:
            server: %s
        contexts:
        - name: mock
          context:
            cluster: mock
            user: mock
            namespace: default
        current-context: mock
        users:
        - name: mock
          user:
            token: secret
        """
            .formatted(url()));
    return file;
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }

  private final class SsaDispatcher extends Dispatcher {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      try {
        return dispatchOrFail(request);
      } catch (RuntimeException e) {
        // the mock server would drop the connection silently; say why in the response instead
        return new MockResponse().setResponseCode(500).setBody("mock cluster failed: " + e);
      }
    }

    private MockResponse dispatchOrFail(RecordedRequest request) {
      String type = request.getHeader("Content-Type");
      if (!"PATCH".equals(request.getMethod())
          || type == null
          || !type.startsWith("application/apply-patch+yaml")) {
        return crud.dispatch(request);
      }
      URI uri = URI.create(request.getPath());
      Map<String, String> query = QueryString.parse(uri.getRawQuery());
      String body = json(request.getUtf8Body());
      applies.add(new ApplyRequest(uri.getPath(), type, query, body));
      Queue<ServerResponse> expected =
          responses.get(new SimpleRequest(HttpMethod.PATCH, request.getPath()));
      if (expected != null && !expected.isEmpty()) {
        return crud.dispatch(request); // an expectation set by the test answers
      }
      boolean dryRun = "All".equals(query.get("dryRun"));
      MockResponse existing = crud.dispatch(forward(HttpMethod.GET, uri.getPath(), null, null));
      if (existing.code() == 404) {
        if (dryRun) {
          return new MockResponse().setResponseCode(201).setBody(body);
        }
        String collection = uri.getPath().substring(0, uri.getPath().lastIndexOf('/'));
        return crud.dispatch(forward(HttpMethod.POST, collection, "application/json", body));
      }
      if (dryRun) {
        return existing;
      }
      return crud.dispatch(
          forward(HttpMethod.PUT, uri.getPath(), "application/json", replacement(body, existing)));
    }

    /**
     * The applied object with the stored one's resourceVersion and status: Ferry owns every field
     * it applies, so replacing is what SSA does for it (fields it no longer sends go away).
     */
    private static String replacement(String body, MockResponse existing) {
      var applied = (tools.jackson.databind.node.ObjectNode) JSON.readTree(body);
      var stored = JSON.readTree(existing.getBody().readUtf8());
      var metadata = (tools.jackson.databind.node.ObjectNode) applied.path("metadata");
      metadata.set("resourceVersion", stored.path("metadata").path("resourceVersion"));
      if (stored.has("status")) {
        applied.set("status", stored.get("status"));
      }
      return JSON.writeValueAsString(applied);
    }

    private static RecordedRequest forward(
        HttpMethod method, String path, String type, String body) {
      Headers.Builder headers = Headers.builder();
      if (type != null) {
        headers.add("Content-Type", type);
      }
      return new RecordedRequest(
          "HTTP/1.1",
          method,
          path,
          headers.build(),
          new Buffer(body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8)));
    }

    private static String json(String body) {
      if (body.stripLeading().startsWith("{")) {
        return body;
      }
      return JSON.writeValueAsString(YAML.readTree(body));
    }
  }
}
