package io.ferry.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.server.ConsoleFixture;
import io.ferry.server.ServerOptions;
import io.ferry.testkit.browser.HeadlessChromium;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A site operator's first day with the console, in a real headless Chromium: the steps build on
 * each other, as they would for a person.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {

  static final String ADMIN_PASSWORD = "harbour lights 2026";
  static final String VIEWER_FIRST = "viewer start pass";
  static final String VIEWER_PASSWORD = "viewer later pass";

  @RegisterExtension static final HeadlessChromium chromium = new HeadlessChromium();
  @TempDir static Path dataDir;
  private static ConsoleFixture console;

  @BeforeAll
  static void start() {
    console = ConsoleFixture.of(new ServerOptions("127.0.0.1", 0, dataDir));
  }

  @AfterAll
  static void stop() {
    if (console != null) {
      console.close();
    }
  }

  private WebDriver browser() {
    return chromium.driver();
  }

  private void open(String path) {
    // The console must be readable at 1280 px, the narrowest screen an operator desk has.
    browser().manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
    browser().get(console.base() + path);
  }

  private void logIn(String user, String password) {
    open("/login");
    browser().findElement(By.id("username")).sendKeys(user);
    browser().findElement(By.id("password")).sendKeys(password);
    submit(By.id("login-submit"));
  }

  private void logOut() {
    browser().findElement(By.id("logout")).click();
    new WebDriverWait(browser(), Duration.ofSeconds(10))
        .until(ExpectedConditions.urlContains("/login"));
  }

  /** Clicks a button that loads a new page, and waits until the old page is gone. */
  private void submit(By button) {
    WebElement page = browser().findElement(By.tagName("html"));
    browser().findElement(button).click();
    new WebDriverWait(browser(), Duration.ofSeconds(15))
        .until(ExpectedConditions.stalenessOf(page));
  }

  private void changePassword(String current, String next) {
    browser().findElement(By.id("currentPassword")).sendKeys(current);
    browser().findElement(By.id("newPassword")).sendKeys(next);
    browser().findElement(By.id("confirmPassword")).sendKeys(next);
    submit(By.id("password-submit"));
  }

  @Test
  @Order(1)
  void adminLogsInWithTheOneTimePasswordAndMustChangeIt() throws Exception {
    String initial = Files.readString(dataDir.resolve("initial-admin-password")).strip();
    logIn("admin", initial);
    assertThat(browser().getCurrentUrl()).endsWith("/password");
    assertThat(browser().findElement(By.id("password-required")).getText()).isNotBlank();

    changePassword(initial, "short");
    assertThat(browser().findElement(By.id("newPassword-error")).getText())
        .contains("at least 12 characters");

    changePassword(initial, ADMIN_PASSWORD);
    assertThat(browser().getCurrentUrl()).endsWith("/");
    assertThat(browser().findElement(By.tagName("h1")).getText()).isEqualTo("Overview");
    screenshot("overview-en");
  }

  @Test
  @Order(2)
  void switchesToChineseAndSeesChineseNavigation() {
    open("/");
    new Select(browser().findElement(By.id("language-select"))).selectByValue("zh-CN");
    submit(By.id("language-submit"));
    assertThat(browser().findElement(By.id("nav-overview")).getText()).isEqualTo("概览");
    assertThat(browser().findElement(By.id("nav-users")).getText()).isEqualTo("用户");
    assertThat(browser().findElement(By.id("nav-audit")).getText()).isEqualTo("审计日志");
    assertThat(browser().findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("zh-CN");

    open("/users");
    assertThat(browser().findElement(By.tagName("h1")).getText()).isEqualTo("用户");
    screenshot("users-zh");
  }

  @Test
  @Order(3)
  void adminCreatesAViewerAndSeesFieldErrorsBesideTheField() {
    open("/users");
    browser().findElement(By.id("new-username")).sendKeys("Vera Smith");
    browser().findElement(By.id("new-password")).sendKeys(VIEWER_FIRST);
    submit(By.id("create-user-submit"));
    assertThat(browser().findElement(By.id("username-error")).getText()).contains("'Vera Smith'");

    WebElement username = browser().findElement(By.id("new-username"));
    username.clear();
    username.sendKeys("vera");
    new Select(browser().findElement(By.id("new-role"))).selectByValue("viewer");
    browser().findElement(By.id("new-password")).sendKeys(VIEWER_FIRST);
    submit(By.id("create-user-submit"));
    assertThat(browser().findElement(By.id("notice")).getText()).contains("vera");
    assertThat(browser().findElement(By.id("user-vera")).getText()).contains("只读用户");
    logOut();
  }

  @Test
  @Order(4)
  void viewerFindsNoMutatingActions() {
    logIn("vera", VIEWER_FIRST);
    assertThat(browser().getCurrentUrl()).endsWith("/password");
    changePassword(VIEWER_FIRST, VIEWER_PASSWORD);
    for (String page : List.of("/", "/users", "/tokens", "/audit")) {
      open(page);
      List<WebElement> changes =
          browser().findElements(By.cssSelector("main form[method='post'], main button.danger"));
      assertThat(changes).as("mutating actions on %s for a viewer", page).isEmpty();
    }
    open("/tokens");
    assertThat(browser().findElements(By.id("create-token"))).isEmpty();
    open("/users");
    assertThat(browser().findElements(By.id("create-user"))).isEmpty();
    assertThat(browser().findElement(By.id("users")).getText()).contains("vera").contains("admin");
    logOut();
  }

  @Test
  @Order(5)
  void adminCreatesAndRevokesAnApiToken() {
    logIn("admin", ADMIN_PASSWORD);
    open("/tokens");
    browser().findElement(By.id("token-name")).sendKeys("deploy-bot");
    submit(By.id("create-token-submit"));
    String secret = browser().findElement(By.id("token-secret")).getText();
    assertThat(secret).startsWith("fry_");
    assertThat(console.bearer(secret).get("/api/v1/me").statusCode()).isEqualTo(200);

    open("/tokens");
    assertThat(browser().getPageSource()).doesNotContain(secret);
    browser().findElement(By.id("revoke-deploy-bot")).click();
    new WebDriverWait(browser(), Duration.ofSeconds(5)).until(ExpectedConditions.alertIsPresent());
    browser().switchTo().alert().accept();
    new WebDriverWait(browser(), Duration.ofSeconds(10))
        .until(ExpectedConditions.presenceOfElementLocated(By.id("notice")));
    assertThat(browser().findElement(By.id("token-deploy-bot")).getText()).contains("已吊销");
    assertThat(console.bearer(secret).get("/api/v1/me").statusCode()).isEqualTo(401);
  }

  @Test
  @Order(6)
  void everyActionIsInTheAuditLog() {
    open("/audit");
    String log = browser().findElement(By.id("audit")).getText();
    assertThat(log)
        .contains("user.password.change")
        .contains("user.locale")
        .contains("user:vera")
        .contains("token.create")
        .contains("token.revoke")
        .contains("login");
    screenshot("audit-zh");

    browser().findElement(By.id("f-action")).sendKeys("token.");
    browser().findElement(By.id("audit-filter")).click();
    // htmx swaps the results in place: the old table goes stale while the new one arrives.
    new WebDriverWait(browser(), Duration.ofSeconds(10))
        .ignoring(StaleElementReferenceException.class)
        .until(
            d -> {
              String text = d.findElement(By.id("audit")).getText();
              return text.contains("token.revoke") && !text.contains("user.create");
            });
    assertThat(browser().findElement(By.id("audit")).getText())
        .contains("token.create")
        .contains("token:admin/deploy-bot");
  }

  /** Keeps a picture of the page under target/ for people reviewing a failure. */
  private void screenshot(String name) {
    try {
      Path file = Path.of("target", "screenshots", name + ".png");
      Files.createDirectories(file.getParent());
      Files.write(file, ((TakesScreenshot) browser()).getScreenshotAs(OutputType.BYTES));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
