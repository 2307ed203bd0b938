package io.ferry.testkit.alertmanager;

import io.ferry.testkit.FreePort;
import io.ferry.testkit.HttpProbe;
import io.ferry.testkit.RealService;
import io.ferry.testkit.ServiceDirectory;
import io.ferry.testkit.ServiceExtension;
import io.ferry.testkit.ServiceProcess;
import io.ferry.testkit.TestkitException;
import io.ferry.testkit.http.RecordingHttpServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Alertmanager on a free 127.0.0.1 port without clustering; by default it routes every alert
 * to a webhook recorder in the test JVM, with one-second grouping so tests see it quickly.
 */
public final class Alertmanager extends ServiceExtension {

  /** Debian's Alertmanager binary. */
  public static final Path BINARY = Path.of("/usr/bin/prometheus-alertmanager");

  private final @Nullable String configYaml;
  private final Duration startTimeout;

  private @Nullable Running running;

  /** Alertmanager sending to a webhook recorder, for {@code @ExtendWith(Alertmanager.class)}. */
  public Alertmanager() {
    this(null, Duration.ofSeconds(30));
  }

  private Alertmanager(@Nullable String configYaml, Duration startTimeout) {
    this.configYaml = configYaml;
    this.startTimeout = startTimeout;
  }

  /** Alertmanager with the default config: every alert goes to {@link #webhook()}. */
  public static Alertmanager withWebhookRecorder() {
    return new Alertmanager();
  }

  /** Alertmanager with the test's own configuration YAML. */
  public static Alertmanager withConfig(String configYaml) {
    return new Alertmanager(configYaml, Duration.ofSeconds(30));
  }

  /** Returns a copy that waits up to {@code startTimeout} for {@code /-/ready}. */
  public Alertmanager startTimeout(Duration startTimeout) {
    return new Alertmanager(configYaml, startTimeout);
  }

  @Override
  protected void start(ExtensionContext context) {
    RealService.require(BINARY, "prometheus-alertmanager");
    Path directory = ServiceDirectory.create("alertmanager");
    int port = FreePort.pick();
    RecordingHttpServer webhook = null;
    String yaml = configYaml;
    if (yaml == null) {
      webhook = RecordingHttpServer.start();
      yaml = defaultConfig(webhook.uri("/alerts"));
    }
    Path config = ServiceDirectory.write(directory.resolve("alertmanager.yml"), yaml);
    ServiceProcess process =
        ServiceProcess.start(
            "alertmanager",
            List.of(
                BINARY.toString(),
                "--config.file=" + config,
                "--storage.path=" + directory.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address=",
                "--log.level=warn"),
            directory,
            Map.of());
    URI base = URI.create("http://127.0.0.1:" + port);
    HttpProbe probe = HttpProbe.get(base.resolve("/-/ready"), Set.of(200));
    try {
      process.awaitReady(probe.describe(), startTimeout, probe);
    } catch (TestkitException e) {
      if (webhook != null) {
        webhook.close();
      }
      throw e;
    }
    running = new Running(directory, port, base, process, webhook);
  }

  @Override
  protected void stop(ExtensionContext context) {
    Running current = running;
    running = null;
    if (current != null) {
      current.process().stop(Duration.ofSeconds(10));
      if (current.webhook() != null) {
        current.webhook().close();
      }
      ServiceDirectory.delete(current.directory());
    }
  }

  static String defaultConfig(URI webhook) {
    return """
        route:
          receiver: ferry-webhook
          group_by: ['alertname']
          group_wait: 1s
          group_interval: 1s
          repeat_interval: 1h
        receivers:
          - name: ferry-webhook
            webhook_configs:
              - url: "%s"
                send_resolved: true
        """
        .formatted(webhook);
  }

  /** Returns the base URI, {@code http://127.0.0.1:<port>}; the API is below {@code /api/v2/}. */
  public URI baseUri() {
    return running().baseUri();
  }

  /** Returns {@code 127.0.0.1:<port>}, e.g. for Prometheus's alerting targets. */
  public String hostAndPort() {
    return "127.0.0.1:" + running().port();
  }

  /** Returns the webhook recorder the default configuration sends to; empty with a custom one. */
  public Optional<RecordingHttpServer> webhook() {
    return Optional.ofNullable(running().webhook());
  }

  /** Returns the folder that holds the config, data and log. */
  public Path directory() {
    return running().directory();
  }

  /** Returns the OS process id. */
  public long pid() {
    return running().process().pid();
  }

  private Running running() {
    Running current = running;
    if (current == null) {
      throw new TestkitException(
          "Alertmanager is not running: register it with @RegisterExtension or @ExtendWith first");
    }
    return current;
  }

  private record Running(
      Path directory,
      int port,
      URI baseUri,
      ServiceProcess process,
      @Nullable RecordingHttpServer webhook) {}
}
