package io.ferry.platform.yaml;

import io.ferry.platform.PlatformException;
import io.ferry.platform.SourceLocation;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads one YAML document into snakeyaml-engine nodes, which keep the line of every value.
 *
 * <p>Spec files come from customers and travel through gateways, so reading is bounded: the file
 * size, the code points parsed and the number of aliases to collections (a "billion laughs" file
 * fails fast instead of expanding), and recursive keys are refused.
 */
public final class YamlFiles {

  /** The largest spec or values file accepted: far above any real platform, far below trouble. */
  public static final long MAX_FILE_BYTES = 4L * 1024 * 1024;

  /** Aliases to maps and lists allowed in one file; real specs use a handful at most. */
  public static final int MAX_COLLECTION_ALIASES = 50;

  private YamlFiles() {}

  /**
   * Reads {@code file}; {@code label} is the name errors and locations show (the path as given).
   *
   * @throws PlatformException when the file is missing, too large, not UTF-8 or not YAML
   */
  public static Node read(Path file, String label) {
    if (Files.isDirectory(file)) {
      throw new PlatformException(
          "Tried to read "
              + label
              + " but failed because: it is a folder (name the file"
              + (Files.isRegularFile(file.resolve("ferry.yaml"))
                  ? ", e.g. " + file.resolve("ferry.yaml")
                  : " in it")
              + ")");
    }
    long size;
    try {
      size = Files.size(file);
    } catch (NoSuchFileException e) {
      throw new PlatformException(
          "Tried to read " + label + " but failed because: no such file (check the path)");
    } catch (IOException e) {
      throw new PlatformException("Tried to read " + label + " but failed because: " + e, e);
    }
    if (size > MAX_FILE_BYTES) {
      throw new PlatformException(
          "Tried to read "
              + label
              + " but failed because: it is "
              + size
              + " bytes, over the limit of "
              + MAX_FILE_BYTES
              + " bytes (a platform spec is a few kilobytes; is this the right file?)");
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
              .toString();
    } catch (CharacterCodingException e) {
      throw new PlatformException(
          "Tried to read " + label + " but failed because: it is not UTF-8 text", e);
    } catch (AccessDeniedException e) {
      throw new PlatformException(
          "Tried to read " + label + " but failed because: this user has no permission to read it",
          e);
    } catch (IOException e) {
      throw new PlatformException("Tried to read " + label + " but failed because: " + e, e);
    }
    return parse(new StringReader(text), label);
  }

  /** Parses YAML text; {@code label} is the file name that locations and errors show. */
  public static Node parse(Reader text, String label) {
    LoadSettings settings =
        LoadSettings.builder()
            .setLabel(label)
            .setMaxAliasesForCollections(MAX_COLLECTION_ALIASES)
            .setAllowRecursiveKeys(false)
            .setAllowNonScalarKeys(false)
            .setCodePointLimit((int) MAX_FILE_BYTES)
            .build();
    try {
      Iterator<Node> documents = new Compose(settings).composeAllFromReader(text).iterator();
      if (!documents.hasNext()) {
        throw new PlatformException(
            "Tried to read " + label + " but failed because: it holds no YAML document");
      }
      Node document = documents.next();
      if (documents.hasNext()) {
        Node second = documents.next();
        throw new PlatformException(
            "Tried to read "
                + label
                + " but failed because: it holds more than one YAML document (a second starts at "
                + location(second)
                + "); put one platform in one file");
      }
      return document;
    } catch (MarkedYamlEngineException e) {
      String where =
          e.getProblemMark()
              .or(e::getContextMark)
              .map(mark -> label + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1))
              .orElse(label);
      throw new PlatformException(
          "Tried to parse "
              + where
              + " but failed because: "
              + e.getProblem()
              + (e.getContext() == null ? "" : " (" + e.getContext() + ")"),
          e);
    } catch (YamlEngineException e) {
      throw new PlatformException(
          "Tried to parse " + label + " but failed because: " + e.getMessage(), e);
    }
  }

  /** Where a node starts, 1-based. */
  public static SourceLocation location(Node node) {
    return node.getStartMark()
        .map(YamlFiles::location)
        .orElse(new SourceLocation("<unknown>", 0, 0));
  }

  private static SourceLocation location(Mark mark) {
    return new SourceLocation(mark.getName(), mark.getLine() + 1, mark.getColumn() + 1);
  }
}
