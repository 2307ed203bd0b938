package io.ferry.oci.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.oci.Descriptor;
import io.ferry.oci.Digest;
import io.ferry.oci.MediaTypes;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LayoutIndexTest {

  private static final Descriptor ONE =
      Descriptor.of(MediaTypes.OCI_MANIFEST, Digest.of("one".getBytes()), 3);
  private static final Descriptor TWO =
      Descriptor.of(MediaTypes.OCI_INDEX, Digest.of("two".getBytes()), 3);

  @Test
  void namesImagesWithTheRefNameAnnotationAndFindsThemAgain() {
    LayoutIndex index = LayoutIndex.empty().withImage("1.0", ONE).withImage("2.0", TWO);

    LayoutIndex parsed = LayoutIndex.parse(index.toJson());

    assertThat(parsed.refNames()).containsExactly("1.0", "2.0");
    assertThat(parsed.find("2.0"))
        .hasValueSatisfying(d -> assertThat(d.digest()).isEqualTo(TWO.digest()));
    assertThat(parsed.find("3.0")).isEmpty();
    assertThat(new String(index.toJson(), StandardCharsets.UTF_8))
        .contains("\"org.opencontainers.image.ref.name\":\"1.0\"")
        .contains("\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\"");
  }

  @Test
  void taggingANameAgainReplacesTheImageItNamed() {
    LayoutIndex index = LayoutIndex.empty().withImage("latest", ONE).withImage("latest", TWO);

    assertThat(index.manifests()).hasSize(1);
    assertThat(index.find("latest").orElseThrow().digest()).isEqualTo(TWO.digest());
  }

  @Test
  void blobPathsAreContentAddressed() {
    assertThat(OciLayout.blobPath(ONE.digest())).isEqualTo("blobs/sha256/" + ONE.digest().hex());
    assertThat(new String(OciLayout.layoutFileContent(), StandardCharsets.UTF_8))
        .isEqualTo("{\"imageLayoutVersion\":\"1.0.0\"}");
  }

  @Test
  void rejectsAnIndexJsonThatIsNotAnIndex() {
    assertThatThrownBy(() -> LayoutIndex.parse("{\"schemaVersion\":1}".getBytes()))
        .isInstanceOf(LayoutException.class)
        .hasMessageContaining("index.json is invalid")
        .hasMessageContaining("schemaVersion");
  }
}
