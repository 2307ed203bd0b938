package io.ferry.platform.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Typed access to YAML nodes that records a problem, instead of failing, for every value of the
 * wrong shape, so one pass finds them all.
 */
final class Nodes {

  private final SpecProblems problems;

  Nodes(SpecProblems problems) {
    this.problems = problems;
  }

  /** A mapping's entries by key, or empty after recording a problem when it is not a mapping. */
  Optional<Map<String, Node>> map(Node node, String path, Set<String> allowedKeys) {
    problems.remember(path, node);
    if (isNull(node)) {
      return Optional.of(Map.of());
    }
    if (!(node instanceof MappingNode mapping)) {
      problems.add(node, path, wrongType(path, node, "a map of keys to values"));
      return Optional.empty();
    }
    Map<String, Node> entries = new LinkedHashMap<>();
    for (NodeTuple tuple : mapping.getValue()) {
      if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
        problems.add(tuple.getKeyNode(), path, "keys must be plain strings");
        continue;
      }
      String key = keyNode.getValue();
      String keyPath = path.isEmpty() ? key : path + "." + key;
      if (entries.containsKey(key)) {
        problems.add(keyNode, keyPath, "'" + key + "' is given twice; keep one");
        continue;
      }
      if (!allowedKeys.isEmpty() && !allowedKeys.contains(key)) {
        String hint =
            Suggestions.closest(key, allowedKeys)
                .map(s -> "; did you mean '" + s + "'?")
                .orElse("; known keys: " + String.join(", ", new TreeSet<>(allowedKeys)));
        problems.add(keyNode, keyPath, "unknown key '" + key + "'" + hint);
        continue;
      }
      problems.remember(keyPath, keyNode);
      entries.put(key, tuple.getValueNode());
    }
    return Optional.of(entries);
  }

  /** A sequence's items, or empty after recording a problem. */
  Optional<List<Node>> list(Node node, String path) {
    problems.remember(path, node);
    if (isNull(node)) {
      return Optional.of(List.of());
    }
    if (!(node instanceof SequenceNode sequence)) {
      problems.add(node, path, wrongType(path, node, "a list"));
      return Optional.empty();
    }
    List<Node> items = new ArrayList<>(sequence.getValue());
    for (int i = 0; i < items.size(); i++) {
      problems.remember(path + "[" + i + "]", items.get(i));
    }
    return Optional.of(items);
  }

  Optional<String> string(Node node, String path) {
    if (isNull(node)) {
      return Optional.empty();
    }
    if (!(node instanceof ScalarNode scalar)) {
      problems.add(node, path, wrongType(path, node, "a string"));
      return Optional.empty();
    }
    return Optional.of(scalar.getValue());
  }

  Optional<Integer> integer(Node node, String path) {
    Optional<String> text = string(node, path);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Integer.parseInt(text.get().replace("_", "")));
    } catch (NumberFormatException e) {
      problems.add(node, path, wrongType(path, node, "an integer"));
      return Optional.empty();
    }
  }

  Optional<Boolean> bool(Node node, String path) {
    Optional<String> text = string(node, path);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    if (text.get().equalsIgnoreCase("true")) {
      return Optional.of(true);
    }
    if (text.get().equalsIgnoreCase("false")) {
      return Optional.of(false);
    }
    problems.add(node, path, wrongType(path, node, "true or false"));
    return Optional.empty();
  }

  /** A list of strings; items of another shape are reported and dropped. */
  List<String> strings(Node node, String path) {
    List<String> values = new ArrayList<>();
    List<Node> items = list(node, path).orElse(List.of());
    for (int i = 0; i < items.size(); i++) {
      string(items.get(i), path + "[" + i + "]").ifPresent(values::add);
    }
    return values;
  }

  static boolean isNull(Node node) {
    return node instanceof ScalarNode && node.getTag().equals(Tag.NULL);
  }

  /** {@code replicas was 'two' but it must be an integer}. */
  static String wrongType(String path, Node node, String expected) {
    return field(path) + " was " + describe(node) + " but it must be " + expected;
  }

  static String field(String path) {
    int cut = path.lastIndexOf('.');
    return cut < 0 ? path : path.substring(cut + 1);
  }

  private static String describe(Node node) {
    if (node instanceof ScalarNode scalar) {
      return "'" + abbreviate(scalar.getValue()) + "'";
    }
    return node instanceof SequenceNode ? "a list" : "a map";
  }

  static String abbreviate(String value) {
    return value.length() <= 60 ? value : value.substring(0, 57) + "...";
  }
}
