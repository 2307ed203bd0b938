package io.ferry.oci.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TransportOptionsTest {

  private final TransportOptions defaults = TransportOptions.defaults();

  @Test
  void loopbackHostsGetPlainHttpAndOthersHttps() {
    assertThat(defaults.schemeFor("127.0.0.1:5000")).isEqualTo("http");
    assertThat(defaults.schemeFor("127.10.0.3")).isEqualTo("http");
    assertThat(defaults.schemeFor("localhost:5000")).isEqualTo("http");
    assertThat(defaults.schemeFor("[::1]:5000")).isEqualTo("http");
    assertThat(defaults.schemeFor("registry.local")).isEqualTo("https");
    assertThat(defaults.schemeFor("128.0.0.1")).isEqualTo("https");
    assertThat(defaults.schemeFor("127.0.0.1.example.com")).isEqualTo("https");
  }

  @Test
  void tlsOptionsOnLoopbackMeanHttpsAndPlainHttpMeansHttpEverywhere() {
    assertThat(defaults.withCaFile(Path.of("ca.pem")).schemeFor("127.0.0.1:5000"))
        .isEqualTo("https");
    assertThat(defaults.withInsecureSkipTlsVerify(true).schemeFor("localhost")).isEqualTo("https");
    assertThat(defaults.withPlainHttp(true).schemeFor("registry.local")).isEqualTo("http");
  }

  @Test
  void retryBackoffGrowsIsBoundedAndHonoursRetryAfter() {
    RetryPolicy retry =
        new RetryPolicy(5, Duration.ofMillis(100), Duration.ofMillis(400), Duration.ofSeconds(3));

    assertThat(retry.backoff(1, null)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
    assertThat(retry.backoff(3, null)).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
    assertThat(retry.backoff(10, null)).isLessThanOrEqualTo(Duration.ofMillis(400));
    assertThat(retry.backoff(1, Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(2));
    assertThat(retry.backoff(1, Duration.ofHours(1))).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void rejectsNonsenseSettings() {
    assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO, Duration.ZERO))
        .hasMessageContaining("maxAttempts was 0");
    assertThatThrownBy(() -> defaults.withChunkSize(0)).hasMessageContaining("chunkSize was 0");
  }
}
