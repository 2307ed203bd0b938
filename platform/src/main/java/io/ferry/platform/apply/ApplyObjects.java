package io.ferry.platform.apply;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Map;

/** Copies and conversions of objects that apply, diff and revisions share. */
public final class ApplyObjects {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private ApplyObjects() {}

  /**
   * A copy fit for server-side apply: no server-owned metadata (resourceVersion, uid, managed
   * fields) — the server would refuse or misread them.
   */
  public static HasMetadata forApply(HasMetadata object) {
    HasMetadata copy = SERIALIZATION.clone(object);
    var meta = copy.getMetadata();
    meta.setResourceVersion(null);
    meta.setUid(null);
    meta.setManagedFields(null);
    meta.setCreationTimestamp(null);
    meta.setGeneration(null);
    return copy;
  }

  /** The object as nested maps and lists, the way it goes over the wire. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> asMap(Object object) {
    return SERIALIZATION.convertValue(object, Map.class);
  }
}
