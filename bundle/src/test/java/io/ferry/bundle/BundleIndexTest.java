package io.ferry.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code bundle.json} as written by create and read back by verify, inspect, push and serve. */
class BundleIndexTest {

  private static final String DIGEST = "sha256:" + "a".repeat(64);

  private static BundleIndex sample(String valuesFile) {
    return new BundleIndex(
        BundleIndex.FORMAT,
        new BundleIndex.PlatformInfo(
            "shop", "1.4.0", "harbor.site", "project", "spec/ferry.yaml", valuesFile),
        "2026-11-27T03:00:00Z",
        "0.1.0",
        List.of("linux/amd64"),
        List.of(
            new BundleIndex.Image(
                "vendor.example/shop/api:1.4.0",
                "shop-api-1.4.0",
                "application/vnd.oci.image.index.v1+json",
                DIGEST,
                "sha256:" + "b".repeat(64),
                Map.of("linux/amd64", "sha256:" + "c".repeat(64)),
                4096,
                null)),
        List.of(new BundleIndex.Blob(DIGEST, 4096, "application/vnd.oci.image.layer.v1.tar+gzip")),
        List.of(new BundleIndex.FileEntry("spec/ferry.yaml", 120, "d".repeat(64))));
  }

  private static BundleIndex parse(String json) {
    return BundleIndex.parse(json.getBytes(StandardCharsets.UTF_8), "b.tar");
  }

  @Test
  void whatIsWrittenIsReadBackTheSame() {
    for (String valuesFile : new String[] {"values/site.yaml", null}) {
      BundleIndex index = sample(valuesFile);

      assertThat(BundleIndex.parse(index.toJson(), "b.tar")).isEqualTo(index);
    }
  }

  @Test
  void fieldsThisVersionDoesNotKnowAreIgnored() {
    String json =
        new String(sample(null).toJson(), StandardCharsets.UTF_8)
            .replaceFirst("\\{", "{\"addedLater\": {\"x\": [1, 2]},");

    assertThat(parse(json)).isEqualTo(sample(null));
  }

  @Test
  void aVersionOneIndexIsStillRead() {
    String v1 =
        new String(sample(null).toJson(), StandardCharsets.UTF_8)
            .replace(BundleIndex.FORMAT, "ferry.dev/bundle/v1");
    assertThat(parse(v1).images()).isEqualTo(sample(null).images());
  }

  @Test
  void anotherFormatIsRefusedNamingBoth() {
    assertThatThrownBy(() -> parse("{\"format\": \"ferry.dev/bundle/v9\"}"))
        .isInstanceOf(BundleException.class)
        .hasMessageContaining("b.tar")
        .hasMessageContaining("'ferry.dev/bundle/v9'")
        .hasMessageContaining(BundleIndex.FORMAT);
  }

  @Test
  void brokenOrIncompleteIndexesSayWhatIsWrong() {
    assertThatThrownBy(() -> parse("{\"format\": "))
        .isInstanceOf(BundleException.class)
        .hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> parse("{\"format\": \"" + BundleIndex.FORMAT + "\", \"images\": []}"))
        .isInstanceOf(BundleException.class)
        .hasMessageContaining("lacks platform, images, blobs or files");
    String badSize =
        new String(sample(null).toJson(), StandardCharsets.UTF_8)
            .replace("\"size\" : 4096", "\"size\" : \"big\"");
    assertThat(badSize).contains("\"big\"");
    assertThatThrownBy(() -> parse(badSize))
        .isInstanceOf(BundleException.class)
        .hasMessageContaining("not a valid bundle index")
        .hasMessageContaining("'size'")
        .hasMessageContaining("not a whole number");
  }
}
