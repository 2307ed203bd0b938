package io.ferry.testkit.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.ferry.testkit.ProcessTree;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

class HeadlessChromiumTest {

  @RegisterExtension static final HeadlessChromium chromium = new HeadlessChromium();

  private static HttpServer site;

  @BeforeAll
  static void serveAPage() throws Exception {
    site = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
    site.createContext(
        "/",
        exchange -> {
          byte[] page =
              "<!doctype html><html><head><title>Ferry console</title></head>"
                  .concat("<body><h1 id='greeting'>Hello from the test</h1></body></html>")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
          exchange.sendResponseHeaders(200, page.length);
          exchange.getResponseBody().write(page);
          exchange.close();
        });
    site.start();
  }

  @AfterAll
  static void stopThePage() {
    site.stop(0);
  }

  @Test
  void loadsAPageFromTheTestsOwnServerAndReadsItsTitle(WebDriver driver) {
    driver.get("http://127.0.0.1:" + site.getAddress().getPort() + "/");

    assertThat(driver.getTitle()).isEqualTo("Ferry console");
    assertThat(driver.findElement(By.id("greeting")).getText()).isEqualTo("Hello from the test");
  }

  @Test
  void chromiumRunsWithTheFreshProfileFolder() {
    assertThat(ProcessTree.processesNaming(chromium.userDataDirectory().toString()))
        .anySatisfy(
            process -> assertThat(process.info().command().orElse("")).contains("chromium"));
  }
}
