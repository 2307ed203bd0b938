package io.ferry.platform.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ManifestWriterTest {

  @Test
  void stringsThatGoYamlWouldTypeAsNumbersOrBooleansStayQuoted() {
    Map<String, String> data = new TreeMap<>();
    List.of("yes", "off", "Y", "0x1F", "1e3", "0755", "1:30", "12", "1.5", "~", "null", ".inf")
        .forEach(value -> data.put("k" + data.size(), value));
    data.put("plain", "gatekeeper");
    ConfigMap map =
        new ConfigMapBuilder().withNewMetadata().withName("m").endMetadata().withData(data).build();

    String yaml = ManifestWriter.toYaml(map);

    data.forEach(
        (key, value) ->
            assertThat(yaml)
                .contains(key + ": " + (key.equals("plain") ? value : "\"" + value + "\"")));
  }

  @Test
  void fileNamesKeepApplyOrderAndNameTheObject() {
    ConfigMap map =
        new ConfigMapBuilder().withNewMetadata().withName("web-files").endMetadata().build();
    assertThat(ManifestWriter.fileName(3, map)).isEqualTo("03-configmap-web-files.yaml");
  }
}
