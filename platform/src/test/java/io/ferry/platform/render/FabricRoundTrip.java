package io.ferry.platform.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads rendered YAML back into the concrete fabric8 classes, rejecting unknown fields: Jackson
 * fails on unknown properties, and since fabric8 beans keep any others in {@code
 * additionalProperties}, every bean in the object graph must have none there.
 */
final class FabricRoundTrip {

  static final Map<String, Class<? extends HasMetadata>> KINDS =
      Map.of(
          "Namespace", Namespace.class,
          "ResourceQuota", ResourceQuota.class,
          "ConfigMap", ConfigMap.class,
          "Service", Service.class,
          "Endpoints", Endpoints.class,
          "PersistentVolumeClaim", PersistentVolumeClaim.class,
          "StatefulSet", StatefulSet.class,
          "Deployment", Deployment.class,
          "Ingress", Ingress.class);

  private static final YAMLMapper STRICT =
      YAMLMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private FabricRoundTrip() {}

  /** Splits a multi-document stream as {@link ManifestWriter} writes it. */
  static List<String> documents(String stream) {
    assertThat(stream).startsWith("---\n");
    return Arrays.stream(stream.substring(4).split("(?m)^---\n")).toList();
  }

  static HasMetadata read(String document, String kind) {
    Class<? extends HasMetadata> type = KINDS.get(kind);
    assertThat(type).as("a fabric8 class for kind %s", kind).isNotNull();
    HasMetadata object = STRICT.readValue(document, type);
    assertNoUnknownFields(object, kind);
    return object;
  }

  private static void assertNoUnknownFields(Object bean, String where) {
    if (bean == null || !bean.getClass().getName().startsWith("io.fabric8.")) {
      return;
    }
    for (Method getter : bean.getClass().getMethods()) {
      if (getter.getParameterCount() != 0
          || Modifier.isStatic(getter.getModifiers())
          || !getter.getName().startsWith("get")
          || getter.getName().equals("getClass")) {
        continue;
      }
      Object value;
      try {
        value = getter.invoke(bean);
      } catch (ReflectiveOperationException e) {
        throw new AssertionError("cannot read " + getter + " of " + where, e);
      }
      String path = where + "." + getter.getName().substring(3);
      if (getter.getName().equals("getAdditionalProperties")) {
        assertThat((Map<?, ?>) value).as("unknown fields at %s", where).isNullOrEmpty();
      } else if (value instanceof Collection<?> items) {
        items.forEach(item -> assertNoUnknownFields(item, path + "[]"));
      } else if (value instanceof Map<?, ?> map) {
        map.values().forEach(item -> assertNoUnknownFields(item, path + "{}"));
      } else {
        assertNoUnknownFields(value, path);
      }
    }
  }
}
