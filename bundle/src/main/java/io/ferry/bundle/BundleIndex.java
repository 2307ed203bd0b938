package io.ferry.bundle;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.ferry.oci.Digest;
import io.ferry.oci.JsonTree;
import io.ferry.oci.MediaTypes;
import io.ferry.oci.layout.OciLayout;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The bundle's index, {@code bundle.json}: what the bundle holds and the size and sha256 of every
 * blob and file in it, so that the index's own sha256 (and its signature) covers the whole bundle.
 *
 * @param format always {@link #FORMAT}
 * @param platform the platform the bundle is a release of
 * @param created when the bundle was created, ISO-8601 UTC
 * @param ferryVersion the Ferry version that created it
 * @param platforms the CPU platforms the images were filtered to, e.g. {@code linux/amd64}
 * @param images every image, in spec order
 * @param blobs every blob of the OCI layout (layers, configs, manifests, indexes), each once
 * @param files every other file (layout marker and index, spec, values, rule files)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BundleIndex(
    String format,
    PlatformInfo platform,
    String created,
    String ferryVersion,
    List<String> platforms,
    List<Image> images,
    List<Blob> blobs,
    List<FileEntry> files) {

  /**
   * The format this build writes. v2 added {@link Image#layoutDigest}: a reader of v1 would take
   * the layout's {@code index.json} naming an OCI form for a mismatch, so it is told the format
   * instead.
   */
  public static final String FORMAT = "ferry.dev/bundle/v2";

  /**
   * The format of a bundle that stores a blob compressed ({@link Blob#encoding}): a reader of v2
   * would find that blob missing, so it is told the format instead. Without such blobs a bundle is
   * {@link #FORMAT}.
   */
  public static final String FORMAT_COMPRESSED = "ferry.dev/bundle/v3";

  /** The formats this build reads: v1 bundles have no {@link Image#layoutDigest}. */
  private static final List<String> READABLE =
      List.of("ferry.dev/bundle/v1", FORMAT, FORMAT_COMPRESSED);

  /** Set up on the first write: reading an index needs no ObjectMapper ({@link JsonTree}). */
  private static final class Writer {
    static final ObjectMapper MAPPER =
        new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
  }

  public BundleIndex {
    platforms = List.copyOf(platforms);
    images = List.copyOf(images);
    blobs = List.copyOf(blobs);
    files = List.copyOf(files);
  }

  /**
   * The platform release a bundle carries.
   *
   * @param registryHost the site registry from the spec, the default target of {@code push}
   * @param registryProject the Harbor project from the spec, the default project of {@code push}
   * @param specFile the spec's path inside the bundle
   * @param valuesFile the site values' path inside the bundle, or null
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record PlatformInfo(
      String name,
      String version,
      String registryHost,
      String registryProject,
      String specFile,
      @Nullable String valuesFile) {}

  /**
   * One image.
   *
   * @param source the reference as the spec names it
   * @param refName its name in the OCI layout's {@code index.json} ({@code oci:DIR:<refName>})
   * @param mediaType the media type of what is stored under {@code digest}
   * @param digest the manifest or (filtered) index stored for the image
   * @param sourceDigest what the source registry served for {@code source}; differs from {@code
   *     digest} when the index was filtered to fewer platforms
   * @param manifests the image manifest digest per platform
   * @param size bytes of every blob of the image (manifests included), counting shared ones
   * @param layoutDigest for a Docker-typed image, its {@link io.ferry.oci.manifest.OciForm} (same
   *     config and layers, OCI media types), which the layout's {@code index.json} names for tools
   *     that read only OCI types there; null when {@code index.json} names {@code digest}
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Image(
      String source,
      String refName,
      String mediaType,
      String digest,
      String sourceDigest,
      Map<String, String> manifests,
      long size,
      @Nullable String layoutDigest) {
    public Image {
      manifests = Map.copyOf(manifests);
    }

    /** The digest the layout's {@code index.json} names this image by. */
    public String layoutDigestOrDigest() {
      return layoutDigest != null ? layoutDigest : digest;
    }

    public Digest parsedDigest() {
      return Digest.parse(digest);
    }
  }

  /**
   * A blob, stored at {@code blobs/sha256/<hex>}, or compressed at {@link
   * BundleLayout#gzipBlobPath} when {@code encoding} says so.
   *
   * @param size the blob's own size (what its digest covers)
   * @param encoding {@code gzip} for a blob stored compressed (a layer that came uncompressed),
   *     null for one stored as it is
   * @param storedSize the size of the compressed form, null when stored as it is
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Blob(
      String digest,
      long size,
      String mediaType,
      @Nullable String encoding,
      @Nullable Long storedSize) {

    /** The one encoding a blob is stored in besides as it is. */
    public static final String GZIP = "gzip";

    /** Layers that come uncompressed (a plain tar): the only blobs stored compressed. */
    static final Set<String> PLAIN_LAYERS =
        Set.of(
            MediaTypes.OCI_LAYER,
            "application/vnd.oci.image.layer.nondistributable.v1.tar",
            MediaTypes.DOCKER_LAYER);

    /** A blob stored as it is. */
    public Blob(String digest, long size, String mediaType) {
      this(digest, size, mediaType, null, null);
    }

    public Blob {
      if ((encoding == null) != (storedSize == null)
          || (encoding != null && (!encoding.equals(GZIP) || !PLAIN_LAYERS.contains(mediaType)))) {
        throw new IllegalArgumentException(
            "blob "
                + digest
                + " ("
                + mediaType
                + ") is stored as '"
                + encoding
                + "' in "
                + storedSize
                + " bytes; only a plain-tar layer is stored compressed, as "
                + GZIP
                + " with its stored size");
      }
    }

    public Digest parsedDigest() {
      return Digest.parse(digest);
    }

    /** Whether it is stored compressed. */
    public boolean compressed() {
      return encoding != null;
    }

    /** Its entry in the tar. */
    public String path() {
      return compressed()
          ? BundleLayout.gzipBlobPath(parsedDigest())
          : OciLayout.blobPath(parsedDigest());
    }

    /** The bytes its entry holds. */
    public long stored() {
      return storedSize != null ? storedSize : size;
    }
  }

  /** A file other than a blob. */
  public record FileEntry(String path, long size, String sha256) {}

  /** The index as JSON; these exact bytes are what the signature covers. */
  public byte[] toJson() {
    try {
      return Writer.MAPPER.writeValueAsBytes(this);
    } catch (IOException e) {
      throw new BundleException("Tried to write the bundle index but failed", e);
    }
  }

  /**
   * Parses {@code bundle.json}, checking the format. Read from Jackson's tree, not bound to the
   * records: binding introspects each record class the first time, 70 ms of every bundle command's
   * start on the critical path; unknown fields are ignored either way.
   */
  public static BundleIndex parse(byte[] json, String source) {
    JsonNode root;
    try {
      root = JsonTree.read(json);
    } catch (IOException e) {
      throw new BundleException(
          "The bundle index in " + source + " is not valid JSON: " + JsonTree.problem(e), e);
    }
    String format = root == null ? null : root.path("format").textValue();
    if (!READABLE.contains(format)) {
      throw new BundleException(
          "The bundle index in "
              + source
              + " has format '"
              + format
              + "' but this Ferry reads "
              + String.join(" and ", READABLE)
              + " (a newer Ferry made it? use the version that created it, or a newer one)");
    }
    JsonNode platform = root.get("platform");
    if (platform == null
        || !platform.isObject()
        || !root.path("images").isArray()
        || !root.path("blobs").isArray()
        || !root.path("files").isArray()) {
      throw new BundleException(
          "The bundle index in " + source + " lacks platform, images, blobs or files");
    }
    if (!FORMAT_COMPRESSED.equals(format) && root.path("blobs").findValue("encoding") != null) {
      throw new BundleException(
          "The bundle index in "
              + source
              + " stores a blob compressed but says format '"
              + format
              + "' (only "
              + FORMAT_COMPRESSED
              + " does)");
    }
    try {
      return new BundleIndex(
          format,
          new PlatformInfo(
              text(platform, "name"),
              text(platform, "version"),
              text(platform, "registryHost"),
              text(platform, "registryProject"),
              text(platform, "specFile"),
              text(platform, "valuesFile")),
          text(root, "created"),
          text(root, "ferryVersion"),
          list(root, "platforms", BundleIndex::string),
          list(
              root,
              "images",
              image ->
                  new Image(
                      text(image, "source"),
                      text(image, "refName"),
                      text(image, "mediaType"),
                      text(image, "digest"),
                      text(image, "sourceDigest"),
                      strings(image, "manifests"),
                      number(image, "size"),
                      text(image, "layoutDigest"))),
          list(
              root,
              "blobs",
              blob ->
                  new Blob(
                      text(blob, "digest"),
                      number(blob, "size"),
                      text(blob, "mediaType"),
                      text(blob, "encoding"),
                      blob.has("storedSize") ? number(blob, "storedSize") : null)),
          list(
              root,
              "files",
              file ->
                  new FileEntry(text(file, "path"), number(file, "size"), text(file, "sha256"))));
    } catch (IllegalArgumentException e) {
      throw new BundleException(
          "The bundle index in " + source + " is not a valid bundle index: " + e.getMessage(), e);
    }
  }

  /** A string field, null when absent (as the writer leaves out nulls). */
  private static @Nullable String text(JsonNode object, String field) {
    JsonNode value = object.get(field);
    return value == null || value.isNull() ? null : string(value, "'" + field + "'");
  }

  private static String string(JsonNode value) {
    return string(value, "an element");
  }

  private static String string(JsonNode value, String what) {
    if (!value.isTextual()) {
      throw new IllegalArgumentException(what + " is " + value + ", not a string");
    }
    return value.textValue();
  }

  private static long number(JsonNode object, String field) {
    JsonNode value = object.get(field);
    if (value == null || !value.canConvertToExactIntegral() || !value.canConvertToLong()) {
      throw new IllegalArgumentException("'" + field + "' is " + value + ", not a whole number");
    }
    return value.longValue();
  }

  private static Map<String, String> strings(JsonNode object, String field) {
    JsonNode value = object.get(field);
    if (value == null || !value.isObject()) {
      throw new IllegalArgumentException("'" + field + "' is " + value + ", not an object");
    }
    Map<String, String> map = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : value.properties()) {
      map.put(entry.getKey(), string(entry.getValue(), "'" + field + "." + entry.getKey() + "'"));
    }
    return map;
  }

  private static <T> List<T> list(JsonNode object, String field, Function<JsonNode, T> element) {
    JsonNode value = object.get(field);
    if (value == null || !value.isArray()) {
      throw new IllegalArgumentException("'" + field + "' is " + value + ", not an array");
    }
    List<T> list = new ArrayList<>(value.size());
    for (JsonNode node : value) {
      list.add(element.apply(node));
    }
    return list;
  }

  /** The blob entry for {@code digest}. */
  public Optional<Blob> blob(Digest digest) {
    String text = digest.toString();
    return blobs.stream().filter(blob -> blob.digest().equals(text)).findFirst();
  }

  /** Bytes of every blob, each once. */
  public long totalBlobBytes() {
    return blobs.stream().mapToLong(Blob::size).sum();
  }

  /** Bytes the images would take if none shared a blob, minus what the bundle stores. */
  public long bytesSavedBySharing() {
    return images.stream().mapToLong(Image::size).sum() - totalBlobBytes();
  }
}
