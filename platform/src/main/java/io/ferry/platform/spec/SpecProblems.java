package io.ferry.platform.spec;

import io.ferry.platform.Problem;
import io.ferry.platform.SourceLocation;
import io.ferry.platform.yaml.YamlFiles;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Collects every problem found while reading and validating, and remembers where each YAML path was
 * read from so that checks on the bound model can still point at a file and line.
 */
final class SpecProblems {

  private final List<Problem> problems = new ArrayList<>();
  private final Map<String, SourceLocation> locations = new HashMap<>();
  private final SourceLocation fallback;

  SpecProblems(SourceLocation fallback) {
    this.fallback = fallback;
  }

  void remember(String path, Node node) {
    locations.putIfAbsent(path, YamlFiles.location(node));
  }

  void add(Node node, String path, String message) {
    problems.add(new Problem(YamlFiles.location(node), path, message));
  }

  /** Adds a problem at {@code path}, or at its nearest ancestor that was in the file. */
  void add(String path, String message) {
    problems.add(new Problem(locate(path), path, message));
  }

  SourceLocation locate(String path) {
    String candidate = path;
    while (!candidate.isEmpty()) {
      SourceLocation location = locations.get(candidate);
      if (location != null) {
        return location;
      }
      int cut = Math.max(candidate.lastIndexOf('.'), candidate.lastIndexOf('['));
      candidate = cut < 0 ? "" : candidate.substring(0, cut);
    }
    return fallback;
  }

  boolean isEmpty() {
    return problems.isEmpty();
  }

  List<Problem> sorted() {
    return problems.stream().distinct().sorted().toList();
  }
}
