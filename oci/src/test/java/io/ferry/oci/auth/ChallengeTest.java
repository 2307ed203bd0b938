package io.ferry.oci.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChallengeTest {

  @Test
  void parsesABearerChallengeKeepingCommasInsideQuotes() {
    List<Challenge> challenges =
        Challenge.parse(
            "Bearer realm=\"https://harbor.local/service/token\",service=\"harbor-registry\","
                + "scope=\"repository:project/app:pull,push\"");

    assertThat(challenges)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.scheme()).isEqualTo("bearer");
              assertThat(c.parameter("realm")).isEqualTo("https://harbor.local/service/token");
              assertThat(c.parameter("service")).isEqualTo("harbor-registry");
              assertThat(c.parameter("scope")).isEqualTo("repository:project/app:pull,push");
            });
  }

  @Test
  void parsesSeveralChallengesAndUnquotedValues() {
    List<Challenge> challenges =
        Challenge.parse("Basic realm=Registry, Bearer realm=\"r\", error=insufficient_scope");

    assertThat(challenges).extracting(Challenge::scheme).containsExactly("basic", "bearer");
    assertThat(challenges.get(0).parameter("realm")).isEqualTo("Registry");
    assertThat(challenges.get(1).parameter("error")).isEqualTo("insufficient_scope");
  }

  @Test
  void aBareSchemeHasNoParameters() {
    assertThat(Challenge.parse("Basic"))
        .singleElement()
        .satisfies(c -> assertThat(c.parameters()).isEmpty());
    assertThat(Challenge.parse("")).isEmpty();
  }
}
