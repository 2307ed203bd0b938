package io.ferry.platform.render;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.ferry.platform.PlatformException;
import java.util.List;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * Writes rendered objects as YAML, byte-for-byte the same for the same objects: map keys sorted,
 * fabric8's fixed property order, no timestamps.
 */
public final class ManifestWriter {

  private static final YAMLMapper YAML =
      YAMLMapper.builder(YAMLFactory.builder().stringQuotingChecker(new Yaml11Quoting()).build())
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
          .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
          .enable(YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
          .disable(YAMLWriteFeature.SPLIT_LINES)
          .enable(YAMLWriteFeature.INDENT_ARRAYS_WITH_INDICATOR)
          .build();

  private ManifestWriter() {}

  /** One object as a YAML document, without the {@code ---} marker. */
  public static String toYaml(HasMetadata object) {
    try {
      return YAML.writeValueAsString(object);
    } catch (JacksonException e) {
      throw new PlatformException(
          "Tried to write "
              + object.getKind()
              + " "
              + object.getMetadata().getName()
              + " as YAML but failed because: "
              + e.getOriginalMessage(),
          e);
    }
  }

  /** All objects as one multi-document YAML stream, each document starting with {@code ---}. */
  public static String toYaml(List<HasMetadata> objects) {
    StringBuilder text = new StringBuilder();
    objects.forEach(object -> text.append("---\n").append(toYaml(object)));
    return text.toString();
  }

  /**
   * The file name of the {@code index}th object when written one per file: {@code
   * 03-statefulset-gatekeeper.yaml}; the number keeps apply order in a directory listing.
   */
  public static String fileName(int index, HasMetadata object) {
    return String.format(
        Locale.ROOT,
        "%02d-%s-%s.yaml",
        index,
        object.getKind().toLowerCase(Locale.ROOT),
        object.getMetadata().getName());
  }
}
