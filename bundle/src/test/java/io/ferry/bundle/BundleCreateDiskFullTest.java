package io.ferry.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.oci.Platform;
import io.ferry.testkit.RealService;
import io.ferry.testkit.registry.OciRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disk that fills up while a bundle is written: a small tmpfs is mounted for the output, and
 * filled by another writer after {@code create}'s free-space check passed.
 */
class BundleCreateDiskFullTest {

  @RegisterExtension static final OciRegistry source = TestBundles.sourceRegistry();

  static List<String> refs;

  @TempDir Path dir;
  private Path mounted;

  @BeforeAll
  static void pushImages() {
    TestImages images = new TestImages(TestBundles.client(source));
    images.pushMultiArch("vendor/app", "1.0", true, 200_000);
    images.pushMultiArch("vendor/web", "2.1", false, 200_000);
    String host = source.hostAndPort();
    refs = List.of(host + "/vendor/app:1.0", host + "/vendor/web:2.1");
  }

  @AfterEach
  void unmount() throws Exception {
    if (mounted != null) {
      run("umount", mounted.toString());
    }
  }

  @Test
  void aDiskThatFillsUpDuringCreateFailsClearlyAndLeavesNoFile() throws Exception {
    Path disk = mountTmpfs(dir.resolve("disk"), "4m");
    Path out = Files.createDirectories(disk.resolve("out"));
    Path bundle = out.resolve("b.tar");
    Path spec = TestBundles.writeSpec(dir, refs);
    Path filler = disk.resolve("filler");
    CreateListener fillTheDisk =
        new CreateListener() {
          @Override
          public void writing(long totalBytes, int blobCount) {
            fill(filler);
          }
        };

    assertThatThrownBy(
            () ->
                TestBundles.create(
                    source,
                    spec,
                    bundle,
                    List.of(Platform.parse("linux/amd64")),
                    4,
                    Clock.systemUTC(),
                    fillTheDisk))
        .isInstanceOf(BundleException.class)
        .hasMessageContaining("into the bundle " + bundle)
        .hasMessageContaining("No space left on device")
        .hasMessageContaining("the disk holding " + out + " is full");
    assertThat(Files.size(filler)).as("the filler took the space").isPositive();
    try (Stream<Path> files = Files.list(out)) {
      assertThat(files).as("no bundle and no partial file").isEmpty();
    }
  }

  @Test
  void refusesToStartWhenTheFolderHasLessSpaceThanTheWholeBundle() throws Exception {
    Path spec = TestBundles.writeSpec(dir, refs);
    List<Platform> amd64 = List.of(Platform.parse("linux/amd64"));
    Path elsewhere = dir.resolve("elsewhere.tar");
    TestBundles.create(source, spec, elsewhere, amd64);
    long bundleSize = Files.size(elsewhere);
    Path disk = mountTmpfs(dir.resolve("disk"), "256k");
    Path out = Files.createDirectories(disk.resolve("out"));
    AtomicBoolean wrote = new AtomicBoolean();
    CreateListener listener =
        new CreateListener() {
          @Override
          public void writing(long totalBytes, int blobCount) {
            wrote.set(true);
          }
        };

    assertThatThrownBy(
            () ->
                TestBundles.create(
                    source, spec, out.resolve("b.tar"), amd64, 4, Clock.systemUTC(), listener))
        .isInstanceOf(BundleException.class)
        .hasMessageContaining("Tried to create the bundle " + out.resolve("b.tar"))
        .as("the exact size: headers, padding, blobs and files")
        .hasMessageContaining("the bundle needs " + bundleSize);
    assertThat(wrote).as("no blob was pulled").isFalse();
    try (Stream<Path> files = Files.list(out)) {
      assertThat(files).isEmpty();
    }
  }

  /** Writes until the file system says it is full. */
  private static void fill(Path filler) {
    byte[] chunk = new byte[64 * 1024];
    try (OutputStream stream = Files.newOutputStream(filler)) {
      while (true) {
        stream.write(chunk);
      }
    } catch (IOException e) {
      if (e.getMessage() == null || !e.getMessage().contains("No space left")) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private Path mountTmpfs(Path target, String size) throws Exception {
    Files.createDirectories(target);
    String failure;
    try {
      Result result = run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", target.toString());
      failure = result.code() == 0 ? null : "exit code " + result.code() + ": " + result.err();
    } catch (IOException e) {
      failure = e.getMessage();
    }
    if (failure != null) {
      String message =
          "This test fills a small tmpfs, but 'mount -t tmpfs' was not permitted here ("
              + failure.strip()
              + "); run it as root or with CAP_SYS_ADMIN";
      if ("1".equals(System.getenv(RealService.REQUIRE_REAL))) {
        throw new AssertionError(message + " (" + RealService.REQUIRE_REAL + "=1)");
      }
      Assumptions.abort(message);
    }
    mounted = target;
    return target;
  }

  private record Result(int code, String err) {}

  private static Result run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
    return new Result(process.exitValue(), output);
  }
}
