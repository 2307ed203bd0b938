package io.ferry.bundle;

import io.ferry.oci.Descriptor;
import io.ferry.oci.Platform;
import io.ferry.oci.manifest.ImageIndex;
import io.ferry.oci.manifest.Manifest;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which manifest {@code serve} answers a request with, by its {@code Accept} headers, as
 * distribution does for a client without manifest-list support: an index or manifest list asked for
 * by tag, by a client that does not accept its type but accepts the type of its {@code linux/amd64}
 * manifest, gets that manifest. Beyond distribution, an index without {@code linux/amd64} but with
 * one manifest only (a bundle filtered to another platform) gives that one, where distribution
 * answers {@code MANIFEST_UNKNOWN}. Every other request gets the manifest as stored, whatever its
 * {@code Accept} says (distribution answers some with {@code 404}): its {@code Content-Type} tells
 * the client what it got, and a lax client (curl's {@code *}{@code /*}, none at all) keeps working.
 * By digest nothing else can be sent: the bytes must hash to the digest asked for.
 */
final class AcceptedManifest {

  private static final Platform DEFAULT_PLATFORM = Platform.parse("linux/amd64");

  private AcceptedManifest() {}

  /**
   * The manifest to send for a request of {@code stored}.
   *
   * @param byTag whether the request named a tag (not a digest)
   * @param accept the request's {@code Accept} headers, each possibly a comma-separated list
   * @param served the repository's manifests by digest: where an index's entries are found
   */
  static Manifest choose(
      Manifest stored, boolean byTag, List<String> accept, Map<String, Manifest> served) {
    Set<String> types = mediaTypes(accept);
    if (!byTag || !(stored instanceof ImageIndex index) || accepts(types, index.mediaType())) {
      return stored;
    }
    return entryFor(index)
        .map(entry -> served.get(entry.digest().toString()))
        .filter(entry -> accepts(types, entry.mediaType()))
        .orElse(stored);
  }

  /** The index's {@code linux/amd64} manifest, else its only one. */
  private static Optional<Descriptor> entryFor(ImageIndex index) {
    List<Descriptor> amd64 = index.manifestsFor(List.of(DEFAULT_PLATFORM));
    if (!amd64.isEmpty()) {
      return Optional.of(amd64.get(0));
    }
    return index.manifests().size() == 1 ? Optional.of(index.manifests().get(0)) : Optional.empty();
  }

  /**
   * The media types named, lower case, without their parameters; one with {@code q=0} is refused by
   * the client and left out.
   */
  private static Set<String> mediaTypes(List<String> accept) {
    Set<String> types = new HashSet<>();
    for (String header : accept) {
      for (String range : header.split(",")) {
        String[] parts = range.split(";");
        String type = parts[0].trim().toLowerCase(Locale.ROOT);
        boolean refused = false;
        for (int i = 1; i < parts.length; i++) {
          refused |= parts[i].trim().toLowerCase(Locale.ROOT).matches("q=0(\\.0{0,3})?");
        }
        if (!type.isEmpty() && !refused) {
          types.add(type);
        }
      }
    }
    return types;
  }

  /** No {@code Accept}, a wildcard that covers it, or the type itself. */
  private static boolean accepts(Set<String> types, String mediaType) {
    String type = mediaType.toLowerCase(Locale.ROOT);
    return types.isEmpty()
        || types.contains(type)
        || types.contains("*/*")
        || types.contains(type.substring(0, type.indexOf('/') + 1) + "*");
  }
}
