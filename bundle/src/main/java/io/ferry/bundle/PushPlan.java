package io.ferry.bundle;

import io.ferry.oci.Descriptor;
import io.ferry.oci.Digest;
import io.ferry.oci.manifest.ImageIndex;
import io.ferry.oci.manifest.ImageManifest;
import io.ferry.oci.manifest.Manifest;
import io.ferry.platform.image.ImageReference;
import io.ferry.platform.image.SiteRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where each image of a bundle goes and what it needs there: the target repository (by {@link
 * SiteRegistry}'s rule unless {@code --map} says otherwise), its blobs, and its manifests in push
 * order (image manifests before the index that names them).
 */
final class PushPlan {

  /** One image's target and content. */
  record Target(
      BundleIndex.Image image,
      String repository,
      Optional<String> tag,
      List<Manifest> manifests,
      List<Descriptor> blobs) {

    Manifest top() {
      return manifests.get(manifests.size() - 1);
    }
  }

  private PushPlan() {}

  /**
   * The plan, taking the manifests in {@code read} (by digest, as a {@link VerifyReport} has them)
   * instead of reading them from the bundle again; others are read from the bundle.
   */
  static List<Target> plan(
      BundleFile bundle,
      BundleIndex index,
      Map<Digest, Manifest> read,
      String registry,
      String project,
      Map<String, String> map) {
    SiteRegistry site = new SiteRegistry(registry, project);
    List<Target> targets = new ArrayList<>();
    for (BundleIndex.Image image : index.images()) {
      ImageReference source = ImageReference.parse(image.source());
      String repository =
          Optional.ofNullable(map.get(source.repository()))
              .orElseGet(() -> site.rewrite(source).repository().substring(registry.length() + 1));
      List<Manifest> manifests = new ArrayList<>();
      Map<String, Descriptor> blobs = new LinkedHashMap<>();
      Manifest top = manifest(bundle, read, image.parsedDigest(), image.mediaType());
      if (top instanceof ImageIndex list) {
        for (Descriptor child : list.manifests()) {
          Manifest manifest = manifest(bundle, read, child.digest(), child.mediaType());
          addBlobs(manifest, blobs);
          manifests.add(manifest);
        }
      } else {
        addBlobs(top, blobs);
      }
      manifests.add(top);
      targets.add(
          new Target(image, repository, source.tag(), manifests, List.copyOf(blobs.values())));
    }
    return targets;
  }

  private static void addBlobs(Manifest manifest, Map<String, Descriptor> blobs) {
    if (manifest instanceof ImageManifest image) {
      image.blobs().forEach(blob -> blobs.putIfAbsent(blob.digest().toString(), blob));
    }
  }

  private static Manifest manifest(
      BundleFile bundle, Map<Digest, Manifest> read, Digest digest, String mediaType) {
    Manifest known = read.get(digest);
    if (known != null) {
      return known;
    }
    BundleFile.Entry entry =
        bundle
            .blob(digest)
            .orElseThrow(
                () ->
                    new BundleException(
                        "Manifest " + digest + " is missing from " + bundle.path()));
    return Manifest.parse(bundle.read(entry, 4 * 1024 * 1024), mediaType);
  }
}
