package io.ferry.server.instance;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * The training start of the {@code ./ferry} launcher ({@code -Dferry.training=true}, never set
 * otherwise): once the console serves requests, asks it for what a first visitor and a health probe
 * ask for, then closes it. The JVM records every class this start loaded in a class-data-sharing
 * archive, so the request path is in it too, not only the context's refresh.
 */
@Component
@ConditionalOnBooleanProperty("ferry.training")
class ClassDataTraining implements ApplicationListener<ApplicationReadyEvent> {

  private static final Logger log = LoggerFactory.getLogger(ClassDataTraining.class);
  private static final List<String> PATHS =
      List.of("/actuator/health", "/login", "/", "/api/v1/audit", "/css/ferry.css");

  @Override
  public void onApplicationEvent(ApplicationReadyEvent event) {
    if (event.getApplicationContext() instanceof WebServerApplicationContext web) {
      int port = web.getWebServer().getPort();
      for (String path : PATHS) {
        get(URI.create("http://127.0.0.1:" + port + path));
      }
    }
    log.info("Training start done; closing");
    int code = SpringApplication.exit(event.getApplicationContext());
    log.debug("Closed with exit code {}", code);
  }

  private static void get(URI uri) {
    try {
      HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
      connection.setConnectTimeout((int) Duration.ofSeconds(5).toMillis());
      connection.setReadTimeout((int) Duration.ofSeconds(30).toMillis());
      int status = connection.getResponseCode();
      try (InputStream body =
          status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
        if (body != null) {
          body.transferTo(OutputStream.nullOutputStream());
        }
      }
    } catch (IOException e) {
      log.info("Training request {} failed: {}", uri, e.toString());
    }
  }
}
