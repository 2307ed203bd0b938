package io.ferry.platform.render;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.Map;
import java.util.TreeMap;

/** Metadata of a namespaced object. */
final class ObjectMetas {

  private ObjectMetas() {}

  static ObjectMeta of(String name, String namespace, Map<String, String> labels) {
    return new ObjectMetaBuilder()
        .withName(name)
        .withNamespace(namespace)
        .withLabels(new TreeMap<>(labels))
        .build();
  }
}
