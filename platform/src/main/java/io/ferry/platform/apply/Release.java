package io.ferry.platform.apply;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.ferry.platform.render.PlatformRenderer;
import io.ferry.platform.spec.PlatformSpec;
import java.util.List;

/**
 * What one apply puts on the cluster: a platform's rendered objects, with what a revision records
 * about them.
 *
 * @param platform the platform's name
 * @param version its version
 * @param namespace the namespace its objects and revisions live in
 * @param objects the objects in apply order
 * @param values the site values text ({@code ""} when none)
 */
public record Release(
    String platform, String version, String namespace, List<HasMetadata> objects, String values) {

  public Release {
    objects = List.copyOf(objects);
  }

  /** The release of a loaded spec: its rendered objects. */
  public static Release of(PlatformSpec spec, String values) {
    return new Release(
        spec.name(), spec.version(), spec.namespace(), PlatformRenderer.render(spec), values);
  }
}
