package io.ferry.oci.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.oci.Descriptor;
import io.ferry.oci.Digest;
import io.ferry.oci.MediaTypes;
import io.ferry.oci.manifest.ImageManifest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The writer over an in-memory sink, as the bundle's tar writer will use it. */
class OciLayoutWriterTest {

  /** Records entries in the order they were written. */
  private static final class RecordingSink implements LayoutSink {
    final Map<String, byte[]> entries = new LinkedHashMap<>();

    @Override
    public boolean hasBlob(Digest digest) {
      return entries.containsKey(OciLayout.blobPath(digest));
    }

    @Override
    public void putBlob(Descriptor blob, InputStream content) throws IOException {
      entries.put(OciLayout.blobPath(blob.digest()), content.readAllBytes());
    }

    @Override
    public void putFile(String path, byte[] content) {
      entries.put(path, content);
    }
  }

  @Test
  void writesEachBlobOnceAndTheIndexLast() {
    RecordingSink sink = new RecordingSink();
    OciLayoutWriter writer = new OciLayoutWriter(sink);
    byte[] layer = "shared layer".getBytes();
    Descriptor layerDescriptor = Descriptor.of(MediaTypes.OCI_LAYER, layer);
    List<Boolean> written = new ArrayList<>();
    for (String tag : List.of("a", "b")) {
      byte[] config = ("{\"tag\":\"" + tag + "\"}").getBytes();
      Descriptor configDescriptor = Descriptor.of(MediaTypes.OCI_CONFIG, config);
      written.add(writer.addBlob(layerDescriptor, new ByteArrayInputStream(layer)));
      writer.addBlob(configDescriptor, new ByteArrayInputStream(config));
      ImageManifest manifest =
          ImageManifest.of(
              MediaTypes.OCI_MANIFEST, configDescriptor, List.of(layerDescriptor), Map.of());
      writer.tag(tag, writer.addManifest(manifest));
    }

    LayoutIndex index = writer.finish();

    assertThat(written).containsExactly(true, false);
    assertThat(sink.entries.keySet())
        .hasSize(7)
        .endsWith(OciLayout.LAYOUT_FILE, OciLayout.INDEX_FILE);
    assertThat(LayoutIndex.parse(sink.entries.get(OciLayout.INDEX_FILE))).isEqualTo(index);
    assertThat(index.refNames()).containsExactly("a", "b");
  }

  @Test
  void refusesToNameAnImageWhoseManifestIsNotInTheLayout() {
    OciLayoutWriter writer = new OciLayoutWriter(new RecordingSink());
    Descriptor absent = Descriptor.of(MediaTypes.OCI_MANIFEST, "{}".getBytes());

    assertThatThrownBy(() -> writer.tag("1.0", absent))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(absent.digest().toString());
  }
}
