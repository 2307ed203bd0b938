package io.ferry.testkit.browser;

import io.ferry.testkit.FreePort;
import io.ferry.testkit.HttpProbe;
import io.ferry.testkit.RealService;
import io.ferry.testkit.ServiceDirectory;
import io.ferry.testkit.ServiceExtension;
import io.ferry.testkit.ServiceProcess;
import io.ferry.testkit.TestkitException;
import java.net.MalformedURLException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.remote.RemoteWebDriver;

/**
 * Debian's headless Chromium driven through Debian's chromedriver, which this extension starts
 * itself on a free 127.0.0.1 port, so Selenium Manager never looks for or downloads a driver.
 */
public final class HeadlessChromium extends ServiceExtension {

  /** Debian's chromedriver. */
  public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  /** Debian's Chromium launcher. */
  public static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  private static final List<String> FLAGS =
      List.of(
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-background-networking",
          "--disable-component-update",
          "--no-first-run",
          "--disable-sync",
          "--disable-quic");

  private final Duration startTimeout;
  private @Nullable Running running;

  /** A browser per test class, for {@code @ExtendWith(HeadlessChromium.class)}. */
  public HeadlessChromium() {
    this(Duration.ofSeconds(30));
  }

  private HeadlessChromium(Duration startTimeout) {
    this.startTimeout = startTimeout;
  }

  /** Returns an extension that waits up to {@code startTimeout} for chromedriver and Chromium. */
  public static HeadlessChromium withStartTimeout(Duration startTimeout) {
    return new HeadlessChromium(startTimeout);
  }

  @Override
  protected void start(ExtensionContext context) {
    RealService.require(CHROMEDRIVER, "chromium-driver");
    RealService.require(CHROMIUM, "chromium");
    Path directory = ServiceDirectory.create("chromium");
    Path profile = directory.resolve("profile");
    int port = FreePort.pick();
    // Chromium writes caches and NSS databases below HOME; keep them in the temp folder too.
    Map<String, String> environment =
        Map.of(
            "HOME", directory.toString(),
            "XDG_CONFIG_HOME", directory.resolve("config").toString(),
            "XDG_CACHE_HOME", directory.resolve("cache").toString());
    ServiceProcess process =
        ServiceProcess.start(
            "chromedriver",
            List.of(
                CHROMEDRIVER.toString(),
                "--port=" + port,
                "--allowed-ips=127.0.0.1",
                "--log-level=WARNING"),
            directory,
            environment);
    URI base = URI.create("http://127.0.0.1:" + port);
    HttpProbe probe = HttpProbe.get(base.resolve("/status"), Set.of(200));
    process.awaitReady(probe.describe(), startTimeout, probe);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toString());
    options.addArguments(FLAGS);
    options.addArguments("--user-data-dir=" + profile);
    try {
      RemoteWebDriver driver = new RemoteWebDriver(base.toURL(), options);
      running = new Running(directory, profile, process, driver);
    } catch (WebDriverException | MalformedURLException e) {
      process.stop(Duration.ofSeconds(5));
      throw process.failure(
          "chromedriver could not open a Chromium session with "
              + CHROMIUM
              + " "
              + String.join(" ", FLAGS)
              + ": "
              + e.getMessage(),
          "check that the chromium and chromium-driver versions match",
          e);
    }
  }

  @Override
  protected void stop(ExtensionContext context) {
    Running current = running;
    running = null;
    if (current != null) {
      try {
        current.driver().quit();
      } catch (WebDriverException e) {
        // The process tree is killed below either way.
      }
      current.process().stop(Duration.ofSeconds(5));
      ServiceDirectory.delete(current.directory());
    }
  }

  @Override
  protected @Nullable Object resolve(Class<?> type) {
    if (type == WebDriver.class || type == RemoteWebDriver.class) {
      return running == null ? null : running.driver();
    }
    return super.resolve(type);
  }

  /** Returns the WebDriver of this test class's browser. */
  public WebDriver driver() {
    return running().driver();
  }

  /** Returns the fresh Chromium profile folder ({@code --user-data-dir}). */
  public Path userDataDirectory() {
    return running().profile();
  }

  /** Returns the folder that holds the profile, HOME and the chromedriver log. */
  public Path directory() {
    return running().directory();
  }

  /** Returns chromedriver's OS process id; Chromium runs below it. */
  public long driverPid() {
    return running().process().pid();
  }

  private Running running() {
    Running current = running;
    if (current == null) {
      throw new TestkitException(
          "Chromium is not running: register HeadlessChromium with @RegisterExtension first");
    }
    return current;
  }

  private record Running(
      Path directory, Path profile, ServiceProcess process, RemoteWebDriver driver) {}
}
