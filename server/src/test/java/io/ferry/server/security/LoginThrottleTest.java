package io.ferry.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

  @Test
  void eachFailureInARowWaitsTwiceAsLongUpToTheCap() {
    assertThat(LoginThrottle.delay(1)).isEqualTo(Duration.ofMillis(200));
    assertThat(LoginThrottle.delay(2)).isEqualTo(Duration.ofMillis(400));
    assertThat(LoginThrottle.delay(4)).isEqualTo(Duration.ofMillis(1600));
    assertThat(LoginThrottle.delay(5)).isEqualTo(LoginThrottle.MAX_DELAY);
    assertThat(LoginThrottle.delay(100)).isEqualTo(LoginThrottle.MAX_DELAY);
  }
}
