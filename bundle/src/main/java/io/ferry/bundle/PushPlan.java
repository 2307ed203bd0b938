package io.ferry.bundle;

import io.ferry.oci.Descriptor;
import io.ferry.oci.Digest;
import io.ferry.oci.ImageRef;
import io.ferry.oci.manifest.ImageIndex;
import io.ferry.oci.manifest.ImageManifest;
import io.ferry.oci.manifest.Manifest;
import io.ferry.platform.image.ImageReference;
import io.ferry.platform.image.SiteRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
    List<Target> targets = targets(bundle, index, read, registry, project, map, true);
    requireDistinctTargets(targets, registry + "/", map, " Nothing was sent.");
    return targets;
  }

  /**
   * The repositories {@code serve} names the images by, {@code <project>/<name>} or as {@code map}
   * says: as push would, without a host. Two images that would share a tag are refused as push
   * refuses them: a client would get one of them under the other's name.
   */
  static List<Target> served(
      BundleFile bundle,
      BundleIndex index,
      Map<Digest, Manifest> read,
      String project,
      Map<String, String> map) {
    List<Target> targets = targets(bundle, index, read, "bundle.local", project, map, false);
    requireDistinctTargets(targets, "", map, " Nothing is served.");
    return targets;
  }

  /**
   * The images of {@code index} that would share a repository and tag on the site (named by the
   * spec's project, without {@code --map}), each pair said as "A and B would both be NAME": what
   * {@link #plan} and {@link #served} refuse, known already when the bundle is made.
   */
  static List<String> nameClashes(BundleIndex index) {
    String registry = "bundle.local";
    SiteRegistry site = new SiteRegistry(registry, index.platform().registryProject());
    Map<String, BundleIndex.Image> byName = new LinkedHashMap<>();
    List<String> clashes = new ArrayList<>();
    for (BundleIndex.Image image : index.images()) {
      ImageReference source = ImageReference.parse(image.source());
      if (source.tag().isEmpty()) {
        continue;
      }
      String name =
          site.rewrite(source).repository().substring(registry.length() + 1)
              + ":"
              + source.tag().get();
      BundleIndex.Image other = byName.putIfAbsent(name, image);
      if (other != null && !other.digest().equals(image.digest())) {
        clashes.add(other.source() + " and " + image.source() + " would both be " + name);
      }
    }
    return clashes;
  }

  private static List<Target> targets(
      BundleFile bundle,
      BundleIndex index,
      Map<Digest, Manifest> read,
      String registry,
      String project,
      Map<String, String> map,
      boolean push) {
    SiteRegistry site = new SiteRegistry(registry, project);
    List<Target> targets = new ArrayList<>();
    Set<String> sources = new LinkedHashSet<>();
    for (BundleIndex.Image image : index.images()) {
      ImageReference source = ImageReference.parse(image.source());
      sources.add(source.repository());
      String mapped = map.get(source.repository());
      String repository =
          mapped != null
              ? mapped
              : site.rewrite(source).repository().substring(registry.length() + 1);
      String problem = ImageRef.repositoryProblem(repository);
      if (problem != null) {
        throw new BundleException(
            "The image "
                + image.source()
                + " would be "
                + (push ? registry + "/" + repository : repository)
                + ", a name registries refuse: "
                + problem
                + (mapped != null
                    ? " (--map " + source.repository() + "=" + mapped + " names it)"
                    : " (the project '"
                        + project
                        + "' and the image's name make it; pick another with --project, or a"
                        + " whole name with --map SRC=DST)")
                + (push ? ". Nothing was sent." : ". Nothing is served."));
      }
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
    List<String> unused = map.keySet().stream().filter(key -> !sources.contains(key)).toList();
    if (!unused.isEmpty()) {
      throw new BundleException(
          "--map names "
              + String.join(", ", unused)
              + " but no image of the bundle comes from "
              + (unused.size() == 1 ? "that repository" : "those repositories")
              + " (SRC is the source repository as the spec names it, without tag; the bundle's"
              + " are: "
              + String.join(", ", sources)
              + ")."
              + (push ? " Nothing was sent." : " Nothing is served."));
    }
    return targets;
  }

  /**
   * Two images given the same repository and tag would overwrite each other's tag, and the report
   * would name a digest the tag no longer has.
   */
  private static void requireDistinctTargets(
      List<Target> targets, String prefix, Map<String, String> map, String outcome) {
    Map<String, Target> byTag = new LinkedHashMap<>();
    List<String> clashes = new ArrayList<>();
    for (Target target : targets) {
      if (target.tag().isEmpty()) {
        continue; // pushed by digest only: nothing to overwrite
      }
      String name = target.repository() + ":" + target.tag().get();
      Target other = byTag.putIfAbsent(name, target);
      if (other != null && !other.image().digest().equals(target.image().digest())) {
        boolean otherMapped = isMapped(other, map);
        boolean targetMapped = isMapped(target, map);
        clashes.add(
            other.image().source()
                + " and "
                + target.image().source()
                + " would both be "
                + prefix
                + name
                + (otherMapped && targetMapped
                    ? " (--map sends both there)"
                    : otherMapped || targetMapped
                        ? " (--map sends "
                            + (otherMapped ? other : target).image().source()
                            + " where the other goes by its name)"
                        : " (the target keeps only the last element of a source repository)"));
      }
    }
    if (!clashes.isEmpty()) {
      throw new BundleException(
          String.join("; ", clashes)
              + ": give them targets of their own with --map SRC=DST."
              + outcome);
    }
  }

  private static boolean isMapped(Target target, Map<String, String> map) {
    return map.containsKey(ImageReference.parse(target.image().source()).repository());
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
