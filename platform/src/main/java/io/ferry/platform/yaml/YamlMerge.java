package io.ferry.platform.yaml;

import io.ferry.platform.PlatformException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Deep-merges site values over a spec, on the node level so every value keeps its own file and
 * line.
 *
 * <p>Maps merge key by key; anything else (lists, scalars, a map over a scalar) replaces. Lists
 * replace rather than append because a site that lists its own registry addresses means exactly
 * those, and appending would leave no way to drop the vendor's.
 */
public final class YamlMerge {

  private YamlMerge() {}

  /** Far deeper than any spec; only a recursive alias on both sides reaches it. */
  static final int MAX_DEPTH = 32;

  /**
   * Returns {@code base} with {@code overlay} merged over it; neither input is changed.
   *
   * @throws PlatformException when both sides nest deeper than {@link #MAX_DEPTH} (recursive
   *     aliases)
   */
  public static Node merge(Node base, Node overlay) {
    return merge(base, overlay, 0);
  }

  private static Node merge(Node base, Node overlay, int depth) {
    if (depth > MAX_DEPTH) {
      throw new PlatformException(
          "Tried to merge site values at "
              + YamlFiles.location(overlay)
              + " but failed because: spec and values nest deeper than "
              + MAX_DEPTH
              + " levels (a recursive alias?)");
    }
    if (!(base instanceof MappingNode baseMap) || !(overlay instanceof MappingNode overlayMap)) {
      return overlay;
    }
    List<NodeTuple> merged = new ArrayList<>();
    for (NodeTuple tuple : baseMap.getValue()) {
      Optional<NodeTuple> override = find(overlayMap, keyOf(tuple));
      merged.add(
          override
              .map(
                  o ->
                      new NodeTuple(
                          tuple.getKeyNode(),
                          merge(tuple.getValueNode(), o.getValueNode(), depth + 1)))
              .orElse(tuple));
    }
    for (NodeTuple tuple : overlayMap.getValue()) {
      if (find(baseMap, keyOf(tuple)).isEmpty()) {
        merged.add(tuple);
      }
    }
    return new MappingNode(
        baseMap.getTag(),
        true,
        merged,
        baseMap.getFlowStyle(),
        baseMap.getStartMark(),
        baseMap.getEndMark());
  }

  private static Optional<NodeTuple> find(MappingNode map, Optional<String> key) {
    if (key.isEmpty()) {
      return Optional.empty();
    }
    return map.getValue().stream().filter(t -> keyOf(t).equals(key)).findFirst();
  }

  private static Optional<String> keyOf(NodeTuple tuple) {
    return tuple.getKeyNode() instanceof ScalarNode scalar
        ? Optional.of(scalar.getValue())
        : Optional.empty();
  }
}
