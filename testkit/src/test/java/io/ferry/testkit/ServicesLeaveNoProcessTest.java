package io.ferry.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.ferry.testkit.alertmanager.Alertmanager;
import io.ferry.testkit.browser.HeadlessChromium;
import io.ferry.testkit.postgres.Postgres;
import io.ferry.testkit.prometheus.Prometheus;
import io.ferry.testkit.registry.OciRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs small test classes through a nested JUnit launcher and checks, after each class ended, that
 * the service's process, its descendants and its temp folder are gone.
 */
class ServicesLeaveNoProcessTest {

  /** What a sample test class saw while its service ran, keyed by the sample's name. */
  static final Map<String, Seen> SEEN = new ConcurrentHashMap<>();

  record Seen(long pid, List<Long> descendants, Path directory, String detail) {
    static Seen of(long pid, Path directory, String detail) {
      return new Seen(
          pid,
          ProcessHandle.of(pid).orElseThrow().descendants().map(ProcessHandle::pid).toList(),
          directory,
          detail);
    }
  }

  @BeforeEach
  void forgetEarlierRuns() {
    SEEN.clear();
  }

  @Test
  void registryWithTokenServerAndTlsStopsAfterItsClass() {
    run(RegistrySample.class);

    assertGone(SEEN.get("registry"));
  }

  @Test
  void prometheusStopsAfterItsClass() {
    run(PrometheusSample.class);

    assertGone(SEEN.get("prometheus"));
  }

  @Test
  void alertmanagerStopsAfterItsClass() {
    run(AlertmanagerSample.class);

    assertGone(SEEN.get("alertmanager"));
  }

  @Test
  void chromiumAndChromedriverStopAfterTheirClass() {
    run(ChromiumSample.class);

    Seen seen = SEEN.get("chromium");
    assertThat(seen.descendants()).as("chromium processes below chromedriver").isNotEmpty();
    assertGone(seen);
  }

  @Test
  void twoTestClassesGetDifferentDatabasesAndTheServerStopsAtTheEndOfTheRun() {
    run(PostgresFirstSample.class, PostgresSecondSample.class);

    Seen first = SEEN.get("postgres-first");
    Seen second = SEEN.get("postgres-second");
    assertThat(first.detail()).isNotEqualTo(second.detail());
    assertThat(first.pid()).as("one server for the run").isEqualTo(second.pid());
    assertThat(first.descendants()).as("postgres's own background processes").isNotEmpty();
    assertGone(first);
  }

  private static void run(Class<?>... samples) {
    LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request();
    for (Class<?> sample : samples) {
      request.selectors(selectClass(sample));
    }
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    // Without auto-registered listeners, so Surefire does not report the samples as its own tests.
    Launcher launcher =
        LauncherFactory.create(
            LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false).build());
    launcher.execute(request.build(), listener);
    TestExecutionSummary summary = listener.getSummary();
    assertThat(summary.getFailures())
        .as("failures of the sample classes")
        .extracting(failure -> failure.getException().toString())
        .isEmpty();
    assertThat(summary.getTestsSucceededCount()).isEqualTo(samples.length);
  }

  private static void assertGone(Seen seen) {
    assertThat(seen).as("the sample recorded what it saw").isNotNull();
    assertThat(ProcessHandle.of(seen.pid()).filter(ProcessTree::isRunning))
        .as("service process %d", seen.pid())
        .isEmpty();
    assertThat(seen.descendants().stream().map(ProcessHandle::of).flatMap(Optional::stream))
        .as("descendants of the service process still running")
        .filteredOn(ProcessTree::isRunning)
        .extracting(ServicesLeaveNoProcessTest::describe)
        .isEmpty();
    assertThat(ProcessTree.processesNaming(seen.directory().toString()))
        .as("processes naming %s", seen.directory())
        .isEmpty();
    assertThat(seen.directory()).doesNotExist();
  }

  private static String describe(ProcessHandle process) {
    try {
      return process.pid()
          + " "
          + Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"))
          + " "
          + process.info();
    } catch (IOException e) {
      return process.pid() + " " + e;
    }
  }

  static class RegistrySample {
    @RegisterExtension
    static final OciRegistry registry = OciRegistry.builder().tls().tokenAuth().build();

    @Test
    void records() {
      SEEN.put("registry", Seen.of(registry.pid(), registry.directory(), ""));
    }
  }

  static class PrometheusSample {
    @RegisterExtension static final Prometheus prometheus = new Prometheus();

    @Test
    void records() {
      SEEN.put("prometheus", Seen.of(prometheus.pid(), prometheus.directory(), ""));
    }
  }

  static class AlertmanagerSample {
    @RegisterExtension static final Alertmanager alertmanager = new Alertmanager();

    @Test
    void records() {
      SEEN.put("alertmanager", Seen.of(alertmanager.pid(), alertmanager.directory(), ""));
    }
  }

  static class ChromiumSample {
    @RegisterExtension static final HeadlessChromium chromium = new HeadlessChromium();

    @Test
    void records() {
      chromium.driver().get("about:blank");
      SEEN.put("chromium", Seen.of(chromium.driverPid(), chromium.directory(), ""));
    }
  }

  static class PostgresFirstSample {
    @RegisterExtension static final Postgres postgres = new Postgres();

    @Test
    void records() {
      SEEN.put(
          "postgres-first",
          Seen.of(
              postgres.server().pid(), postgres.server().directory(), postgres.database().name()));
    }
  }

  static class PostgresSecondSample {
    @RegisterExtension static final Postgres postgres = new Postgres();

    @Test
    void records() {
      SEEN.put(
          "postgres-second",
          Seen.of(
              postgres.server().pid(), postgres.server().directory(), postgres.database().name()));
    }
  }
}
