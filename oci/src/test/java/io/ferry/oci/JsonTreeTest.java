package io.ferry.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTreeTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static JsonNode read(String json) throws IOException {
    return JsonTree.read(json.getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\","
            + "\"manifests\":[{\"digest\":\"sha256:00\",\"size\":528,"
            + "\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"}}],"
            + "\"annotations\":{}}",
        "[1, -2, 2147483648, 123456789012345678901234567890, 1.5, -0.0, 1e3, true, false, null]",
        "{\"a\":{\"b\":[[],[{}],{\"c\":\"\\u00e9\\n\\\"x\\\"\"}]}}",
        "{\"repeated\":1,\"repeated\":\"last\"}",
        "\"just a string\"",
        "42",
        "  {\"spaced\" : [ 1 , 2 ] }  ",
        "{\"emoji\":\"\uD83D\uDE80 ferry\"}"
      })
  void readsTheTreeObjectMapperReads(String json) throws IOException {
    JsonNode expected = MAPPER.readTree(json);

    JsonNode actual = read(json);

    assertThat(actual).isEqualTo(expected);
    assertThat(actual.toString()).isEqualTo(expected.toString());
  }

  @Test
  void numbersKeepTheirKinds() throws IOException {
    JsonNode numbers = read("[7, 4294967296, 18446744073709551616, 0.25]");

    assertThat(numbers.get(0).isInt()).isTrue();
    assertThat(numbers.get(1).isLong()).isTrue();
    assertThat(numbers.get(2).isBigInteger()).isTrue();
    assertThat(numbers.get(3).isDouble()).isTrue();
    assertThat(numbers.get(1).asLong()).isEqualTo(4294967296L);
  }

  @Test
  void noContentIsMissingAndTrailingContentIsIgnored() throws IOException {
    assertThat(read("").isMissingNode()).isTrue();
    assertThat(read("   ").isMissingNode()).isTrue();
    assertThat(read("{\"a\":1} {\"b\":2}")).isEqualTo(MAPPER.readTree("{\"a\":1}"));
  }

  @Test
  void readsAStreamWithoutClosingIt() throws IOException {
    boolean[] closed = {false};
    var in =
        new java.io.ByteArrayInputStream("{\"tags\":[\"1.0\"]}".getBytes(StandardCharsets.UTF_8)) {
          @Override
          public void close() {
            closed[0] = true;
          }
        };

    assertThat(JsonTree.read(in).path("tags").get(0).asText()).isEqualTo("1.0");
    assertThat(closed[0]).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"a\":", "[1, 2", "{\"a\" 1}", "{a:1}", "[1,]x", "nul"})
  void brokenJsonFailsWithTheParsersMessage(String json) {
    assertThatThrownBy(() -> read(json))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("line: 1");
  }
}
