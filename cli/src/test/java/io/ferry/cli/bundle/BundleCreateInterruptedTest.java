package io.ferry.cli.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.oci.registry.RegistryClient;
import io.ferry.testkit.registry.OciRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A create stopped by SIGTERM (as Ctrl-C stops it) leaves no temporary file behind and says that
 * nothing was written.
 */
class BundleCreateInterruptedTest {

  @RegisterExtension static final OciRegistry vendor = new OciRegistry();

  @TempDir Path dir;

  @Test
  void aStoppedCreateRemovesItsPartialFile() throws Exception {
    new SeedSite()
        .pushImages(RegistryClient.builder(vendor.hostAndPort()).build(), 32 * 1024 * 1024);
    Path spec = SeedSite.copyExample(dir.resolve("example"), vendor.hostAndPort());
    Path out = Files.createDirectories(dir.resolve("out"));
    Process create =
        CliRun.process(
                "bundle",
                "create",
                "-f",
                spec.toString(),
                "-o",
                out.resolve("b.tar").toString(),
                "--parallel",
                "1")
            .redirectOutput(dir.resolve("create.log").toFile())
            .start();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
    while (create.isAlive() && partials(out).isEmpty() && Instant.now().isBefore(deadline)) {
      Thread.sleep(5);
    }
    assertThat(partials(out)).as("the create is writing its temporary file").isNotEmpty();
    create.destroy(); // SIGTERM: the JVM's shutdown hooks run, as on Ctrl-C
    assertThat(create.waitFor(30, TimeUnit.SECONDS)).isTrue();

    String log = Files.readString(dir.resolve("create.log"));
    try (Stream<Path> left = Files.list(out)) {
      assertThat(left).as(log).isEmpty();
    }
    assertThat(log)
        .contains("create: interrupted. Nothing was written: no partial file is left")
        .doesNotContain("Wrote ");
  }

  private static List<Path> partials(Path out) throws Exception {
    try (Stream<Path> files = Files.list(out)) {
      return files.filter(file -> file.getFileName().toString().endsWith(".partial")).toList();
    }
  }
}
