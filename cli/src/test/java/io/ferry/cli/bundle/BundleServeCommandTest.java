package io.ferry.cli.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.oci.auth.CredentialProvider;
import io.ferry.oci.registry.RegistryClient;
import io.ferry.oci.registry.TransportOptions;
import io.ferry.testkit.registry.OciRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code ferry bundle serve} answers as a registry until it is interrupted. */
class BundleServeCommandTest {

  @RegisterExtension static final OciRegistry vendor = new OciRegistry();

  @TempDir Path dir;

  @Test
  void servesTheSeedExampleUntilInterrupted() throws Exception {
    RegistryClient source =
        RegistryClient.builder(vendor.hostAndPort())
            .credentials(CredentialProvider.anonymous())
            .transport(TransportOptions.defaults())
            .build();
    SeedSite seed = new SeedSite();
    seed.pushImages(source, 20_000);
    Path spec = SeedSite.copyExample(dir.resolve("example"), vendor.hostAndPort());
    Path bundle = dir.resolve("b.tar");
    CliRun create = new CliRun();
    assertThat(create.run("bundle", "create", "-f", spec.toString(), "-o", bundle.toString()))
        .as(create.err.toString())
        .isZero();

    CliRun serve = new CliRun();
    int[] code = {-1};
    Thread thread =
        new Thread(
            () ->
                code[0] =
                    serve.run("bundle", "serve", bundle.toString(), "--listen", "127.0.0.1:0"));
    thread.start();
    Matcher matcher = Pattern.compile("on http://(127\\.0\\.0\\.1:\\d+)").matcher("");
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (!matcher.reset(serve.out.toString()).find() && Instant.now().isBefore(deadline)) {
      Thread.sleep(50);
    }
    assertThat(serve.out.toString()).as(serve.err.toString()).contains("project/gatekeeper");
    assertThat(serve.err.toString()).contains("note: the bundle is unsigned");
    RegistryClient served = RegistryClient.builder(matcher.group(1)).build();

    assertThat(served.catalog())
        .containsExactly("project/abc-service", "project/busybox", "project/gatekeeper");
    assertThat(served.pullManifest("project/busybox", "1.36").digest())
        .isEqualTo(seed.pushed.get(SeedSite.REPOSITORIES.get(2)).digest());

    thread.interrupt();
    thread.join(10_000);
    assertThat(thread.isAlive()).isFalse();
    assertThat(code[0]).isZero();
  }
}
