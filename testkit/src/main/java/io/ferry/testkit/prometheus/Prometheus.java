package io.ferry.testkit.prometheus;

import io.ferry.testkit.FreePort;
import io.ferry.testkit.HttpProbe;
import io.ferry.testkit.RealService;
import io.ferry.testkit.ServiceDirectory;
import io.ferry.testkit.ServiceExtension;
import io.ferry.testkit.ServiceProcess;
import io.ferry.testkit.TestkitException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Prometheus on a free 127.0.0.1 port that scrapes itself and the test's targets and
 * evaluates the test's rule files, with short intervals so tests see results within seconds.
 */
public final class Prometheus extends ServiceExtension {

  /** Debian's Prometheus binary. */
  public static final Path BINARY = Path.of("/usr/bin/prometheus");

  private final boolean scrapeSelf;
  private final List<ScrapeTarget> targets;
  private final Map<String, String> ruleFiles;
  private final List<Supplier<String>> alertmanagers;
  private final Duration scrapeInterval;
  private final Duration evaluationInterval;
  private final Duration alertResendDelay;
  private final Duration startTimeout;

  private @Nullable Running running;

  /** Prometheus scraping itself every second, for {@code @ExtendWith(Prometheus.class)}. */
  public Prometheus() {
    this(new Builder());
  }

  private Prometheus(Builder builder) {
    this.scrapeSelf = builder.scrapeSelf;
    this.targets = List.copyOf(builder.targets);
    this.ruleFiles = Map.copyOf(builder.ruleFiles);
    this.alertmanagers = List.copyOf(builder.alertmanagers);
    this.scrapeInterval = builder.scrapeInterval;
    this.evaluationInterval = builder.evaluationInterval;
    this.alertResendDelay = builder.alertResendDelay;
    this.startTimeout = builder.startTimeout;
  }

  /** Starts describing a Prometheus; by default it scrapes itself every second. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  protected void start(ExtensionContext context) {
    RealService.require(BINARY, "prometheus");
    Path directory = ServiceDirectory.create("prometheus");
    int port = FreePort.pick();
    Path ruleDirectory = createDirectory(directory.resolve("rules"));
    ruleFiles.forEach((name, yaml) -> ServiceDirectory.write(ruleDirectory.resolve(name), yaml));
    List<ScrapeTarget> allTargets = new ArrayList<>();
    if (scrapeSelf) {
      allTargets.add(ScrapeTarget.of("prometheus", "127.0.0.1:" + port));
    }
    allTargets.addAll(targets);
    Path config =
        ServiceDirectory.write(
            directory.resolve("prometheus.yml"),
            PrometheusConfig.render(
                scrapeInterval,
                evaluationInterval,
                allTargets,
                ruleDirectory,
                alertmanagers.stream().map(Supplier::get).toList()));
    ServiceProcess process =
        ServiceProcess.start(
            "prometheus",
            List.of(
                BINARY.toString(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + directory.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--web.enable-lifecycle",
                "--rules.alert.resend-delay=" + PrometheusConfig.seconds(alertResendDelay),
                "--log.level=warn"),
            directory,
            Map.of());
    URI base = URI.create("http://127.0.0.1:" + port);
    HttpProbe probe = HttpProbe.get(base.resolve("/-/ready"), Set.of(200));
    process.awaitReady(probe.describe(), startTimeout, probe);
    running = new Running(directory, port, base, process);
  }

  @Override
  protected void stop(ExtensionContext context) {
    Running current = running;
    running = null;
    if (current != null) {
      current.process().stop(Duration.ofSeconds(10));
      ServiceDirectory.delete(current.directory());
    }
  }

  /** Adds or replaces a rule file ({@code *.yml} or {@code *.yaml}); {@link #reload()} loads it. */
  public void putRuleFile(String fileName, String yaml) {
    List<String> problems = new ArrayList<>();
    Builder.checkRuleFileName(fileName, problems);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    ServiceDirectory.write(running().directory().resolve("rules").resolve(fileName), yaml);
  }

  /** Makes Prometheus re-read its configuration and rule files ({@code POST /-/reload}). */
  public void reload() {
    URI reload = baseUri().resolve("/-/reload");
    try {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(reload)
                      .timeout(Duration.ofSeconds(30))
                      .POST(HttpRequest.BodyPublishers.noBody())
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new TestkitException(
            "Tried to POST "
                + reload
                + " but Prometheus answered "
                + response.statusCode()
                + ": "
                + response.body().strip()
                + " (a rule file is likely invalid; see "
                + running().process().logFile()
                + ")");
      }
    } catch (IOException e) {
      throw new TestkitException("Tried to POST " + reload + " but failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TestkitException("Interrupted while reloading Prometheus at " + reload, e);
    }
  }

  /** Returns the base URI, {@code http://127.0.0.1:<port>}. */
  public URI baseUri() {
    return running().baseUri();
  }

  /** Returns {@code 127.0.0.1:<port>}. */
  public String hostAndPort() {
    return "127.0.0.1:" + running().port();
  }

  /** Returns the URI of an instant query, {@code /api/v1/query?query=<promql>}. */
  public URI queryUri(String promql) {
    return baseUri()
        .resolve("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
  }

  /** Returns the folder that holds the config, rule files, TSDB and log. */
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
          "Prometheus is not running: register it with @RegisterExtension or @ExtendWith first");
    }
    return current;
  }

  private static Path createDirectory(Path directory) {
    try {
      return Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("Tried to create " + directory, e);
    }
  }

  private record Running(Path directory, int port, URI baseUri, ServiceProcess process) {}

  /** Describes a Prometheus: targets, rule files, Alertmanagers and intervals. */
  public static final class Builder {
    private boolean scrapeSelf = true;
    private final List<ScrapeTarget> targets = new ArrayList<>();
    private final Map<String, String> ruleFiles = new LinkedHashMap<>();
    private final List<Supplier<String>> alertmanagers = new ArrayList<>();
    private Duration scrapeInterval = Duration.ofSeconds(1);
    private Duration evaluationInterval = Duration.ofSeconds(1);
    private Duration alertResendDelay = Duration.ofSeconds(1);
    private Duration startTimeout = Duration.ofSeconds(30);

    private Builder() {}

    /** Stops Prometheus from scraping itself (job {@code prometheus}). */
    public Builder withoutSelfScrape() {
      this.scrapeSelf = false;
      return this;
    }

    /** Adds a static scrape target. */
    public Builder scrapeTarget(ScrapeTarget target) {
      targets.add(target);
      return this;
    }

    /** Adds a static scrape target at {@code /metrics}. */
    public Builder scrapeTarget(String job, String hostAndPort) {
      return scrapeTarget(ScrapeTarget.of(job, hostAndPort));
    }

    /** Adds a rule file with the given file name and YAML content. */
    public Builder ruleFile(String fileName, String yaml) {
      ruleFiles.put(fileName, yaml);
      return this;
    }

    /** Sends alerts to an Alertmanager at {@code host:port}. */
    public Builder alertmanager(String hostAndPort) {
      return alertmanager(() -> hostAndPort);
    }

    /**
     * Sends alerts to an Alertmanager whose {@code host:port} is known only when Prometheus starts,
     * e.g. {@code alertmanager::hostAndPort} of an extension registered before this one.
     */
    public Builder alertmanager(Supplier<String> hostAndPort) {
      alertmanagers.add(hostAndPort);
      return this;
    }

    /** Sets the global scrape interval (and timeout). */
    public Builder scrapeInterval(Duration scrapeInterval) {
      this.scrapeInterval = scrapeInterval;
      return this;
    }

    /** Sets the global rule evaluation interval. */
    public Builder evaluationInterval(Duration evaluationInterval) {
      this.evaluationInterval = evaluationInterval;
      return this;
    }

    /**
     * Sets how long Prometheus waits before re-sending a firing alert (default 1s, Prometheus's own
     * default is 1m); short, because an alert that fires before the Alertmanager is discovered is
     * dropped and only the re-send delivers it.
     */
    public Builder alertResendDelay(Duration alertResendDelay) {
      this.alertResendDelay = alertResendDelay;
      return this;
    }

    /** Sets how long Prometheus may take to answer {@code /-/ready}. */
    public Builder startTimeout(Duration startTimeout) {
      this.startTimeout = startTimeout;
      return this;
    }

    /** Returns the extension after checking every setting at once. */
    public Prometheus build() {
      List<String> problems = new ArrayList<>();
      positive("scrapeInterval", scrapeInterval, problems);
      positive("evaluationInterval", evaluationInterval, problems);
      positive("alertResendDelay", alertResendDelay, problems);
      positive("startTimeout", startTimeout, problems);
      ruleFiles.keySet().forEach(name -> checkRuleFileName(name, problems));
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException(String.join("; ", problems));
      }
      return new Prometheus(this);
    }

    static void checkRuleFileName(String name, List<String> problems) {
      if (!name.matches("[A-Za-z0-9_-][A-Za-z0-9._-]*\\.ya?ml")) {
        problems.add(
            "rule file name was '" + name + "' but it must be a plain name ending in .yml/.yaml");
      }
    }

    private static void positive(String field, Duration value, List<String> problems) {
      if (value.isNegative() || value.isZero()) {
        problems.add(field + " was '" + value + "' but it must be positive");
      }
    }
  }
}
