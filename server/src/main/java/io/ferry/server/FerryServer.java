package io.ferry.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

/** The Ferry console: a Spring Boot application started by {@code ferry server}. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class FerryServer {

  /**
   * Starts the console and returns once it serves requests; closing the context stops it.
   *
   * @throws UncheckedIOException when the data directory cannot be created or written
   */
  public static ConfigurableApplicationContext start(ServerOptions options) {
    prepareDataDir(options.dataDir());
    return new SpringApplicationBuilder(FerryServer.class)
        .run(arguments(options).toArray(String[]::new));
  }

  /**
   * Starts the console and blocks until it is stopped (Ctrl-C or SIGTERM close it through Spring's
   * shutdown hook).
   *
   * @throws ServerStartException when the console cannot start
   */
  public static void runUntilStopped(ServerOptions options) throws InterruptedException {
    ConfigurableApplicationContext context;
    try {
      context = start(options);
    } catch (RuntimeException e) {
      throw new ServerStartException(options, e);
    }
    CountDownLatch closed = new CountDownLatch(1);
    context.addApplicationListener(
        event -> {
          if (event instanceof ContextClosedEvent) {
            closed.countDown();
          }
        });
    if (context.isActive()) {
      closed.await();
    }
  }

  static List<String> arguments(ServerOptions options) {
    List<String> arguments = new ArrayList<>();
    arguments.add("--server.address=" + options.listen());
    arguments.add("--server.port=" + options.port());
    arguments.add("--ferry.data-dir=" + options.dataDir());
    if (options.adminPasswordFile() != null) {
      arguments.add("--ferry.admin-password-file=" + options.adminPasswordFile().toAbsolutePath());
    }
    ServerOptions.DatabaseOptions database = options.database();
    if (database == null) {
      // AUTO_SERVER is off on purpose: one console owns its data directory, and H2 then
      // refuses a second one instead of letting both write.
      Path file = options.dataDir().resolve("ferry");
      arguments.add("--spring.datasource.url=jdbc:h2:file:" + file + ";DB_CLOSE_ON_EXIT=FALSE");
    } else {
      arguments.add("--spring.datasource.url=" + database.url());
      if (database.user() != null) {
        arguments.add("--spring.datasource.username=" + database.user());
      }
      if (database.password() != null) {
        arguments.add("--spring.datasource.password=" + database.password());
      }
    }
    return arguments;
  }

  private static void prepareDataDir(Path dataDir) {
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Tried to create the data directory " + dataDir + " but failed because: " + e, e);
    }
    if (!Files.isWritable(dataDir)) {
      throw new UncheckedIOException(
          new IOException(
              "The data directory "
                  + dataDir
                  + " is not writable by this user (choose another with --data-dir)"));
    }
  }
}
