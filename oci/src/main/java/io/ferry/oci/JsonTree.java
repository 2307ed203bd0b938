package io.ferry.oci;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads JSON into Jackson's tree with the streaming parser alone, the same tree {@code
 * ObjectMapper.readTree} gives (integers as int, long or big-integer nodes, decimals as doubles, a
 * repeated field's last value, {@link MissingNode} for no content) without setting up an {@code
 * ObjectMapper}.
 *
 * <p>Why: an {@code ObjectMapper} loads some 400 classes and the JDK's locale and calendar data
 * (~80 ms of CPU) before it reads a byte, and every bundle command reads its index and manifests
 * first. Writing JSON still goes through an {@code ObjectMapper}, set up when first needed.
 */
public final class JsonTree {

  private static final JsonFactory FACTORY = new JsonFactory();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private JsonTree() {}

  /**
   * What is wrong with JSON that {@link #read} refused, for a person: Jackson's own message names
   * its parser's internals ("[Source: REDACTED …]"); its first part and the line and column
   * suffice. Control characters and undecodable bytes that the message quotes are shown as '?'.
   */
  public static String problem(IOException e) {
    String problem = String.valueOf(e.getMessage());
    if (e instanceof JsonProcessingException invalid && invalid.getLocation() != null) {
      problem =
          invalid.getOriginalMessage()
              + " at line "
              + invalid.getLocation().getLineNr()
              + ", column "
              + invalid.getLocation().getColumnNr();
    }
    return problem.replaceAll("[\\p{Cntrl}\\x{FFFD}]", "?"); // UTF-8 text stays readable
  }

  /**
   * Where a JSON error is, without what the parser found there: for text that may hold secrets
   * (credentials), whose parser messages quote the token they choked on.
   */
  public static String where(IOException e) {
    return e instanceof JsonProcessingException invalid && invalid.getLocation() != null
        ? "at line "
            + invalid.getLocation().getLineNr()
            + ", column "
            + invalid.getLocation().getColumnNr()
        : "unreadable";
  }

  /** The tree of {@code json}; content after the first value is ignored, as Jackson does. */
  public static JsonNode read(byte[] json) throws IOException {
    return read(FACTORY.createParser(json));
  }

  /** The tree of the JSON {@code in} holds, read to its first value's end; not closed. */
  public static JsonNode read(InputStream in) throws IOException {
    return read(FACTORY.createParser(in).disable(JsonParser.Feature.AUTO_CLOSE_SOURCE));
  }

  private static JsonNode read(JsonParser created) throws IOException {
    try (JsonParser parser = created) {
      JsonToken first = parser.nextToken();
      return first == null ? MissingNode.getInstance() : value(parser, first);
    }
  }

  private static JsonNode value(JsonParser parser, JsonToken token) throws IOException {
    return switch (token) {
      case START_OBJECT -> object(parser);
      case START_ARRAY -> array(parser);
      case VALUE_STRING -> NODES.textNode(parser.getText());
      case VALUE_NUMBER_INT ->
          switch (parser.getNumberType()) {
            case INT -> NODES.numberNode(parser.getIntValue());
            case LONG -> NODES.numberNode(parser.getLongValue());
            default -> NODES.numberNode(parser.getBigIntegerValue());
          };
      case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDoubleValue());
      case VALUE_TRUE -> NODES.booleanNode(true);
      case VALUE_FALSE -> NODES.booleanNode(false);
      case VALUE_NULL -> NODES.nullNode();
      default -> throw new JsonParseException(parser, "Unexpected token " + token);
    };
  }

  private static ObjectNode object(JsonParser parser) throws IOException {
    ObjectNode node = NODES.objectNode();
    String field;
    while ((field = parser.nextFieldName()) != null) {
      node.set(field, value(parser, parser.nextToken()));
    }
    return node;
  }

  private static ArrayNode array(JsonParser parser) throws IOException {
    ArrayNode node = NODES.arrayNode();
    JsonToken token;
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
      if (token == null) {
        throw new JsonParseException(parser, "Unexpected end of content in an array");
      }
      node.add(value(parser, token));
    }
    return node;
  }
}
