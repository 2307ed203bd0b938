package io.ferry.platform.spec;

import io.ferry.platform.PlatformException;
import io.ferry.platform.SourceLocation;
import io.ferry.platform.yaml.YamlFiles;
import io.ferry.platform.yaml.YamlMerge;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Loads a platform spec, merges site values over its {@code spec}, and validates the result,
 * reporting every problem of both files at once.
 */
public final class PlatformSpecLoader {

  private PlatformSpecLoader() {}

  /**
   * Loads {@code specFile} with optional site values.
   *
   * @throws PlatformException when a file cannot be read or parsed, or with {@link
   *     PlatformException#problems()} listing every problem of the spec and the values
   */
  public static PlatformSpec load(Path specFile, Optional<Path> valuesFile) {
    String specLabel = label(specFile);
    Node root = YamlFiles.read(specFile, specLabel);
    Optional<Node> values = valuesFile.map(file -> YamlFiles.read(file, label(file)));
    return load(root, values, specLabel + valuesFile.map(v -> " with " + label(v)).orElse(""));
  }

  /** Loads from already parsed documents; {@code what} names them in the error. */
  public static PlatformSpec load(Node root, Optional<Node> values, String what) {
    SpecProblems problems = new SpecProblems(YamlFiles.location(root));
    Node merged = values.map(v -> mergeIntoSpec(root, v, problems)).orElse(root);
    PlatformSpec spec = new SpecReader(problems).read(merged);
    new SpecValidator(problems).validate(spec);
    if (!problems.isEmpty()) {
      List<io.ferry.platform.Problem> all = problems.sorted();
      throw new PlatformException(
          "Tried to load the platform spec "
              + what
              + " but found "
              + all.size()
              + (all.size() == 1 ? " problem:" : " problems:"),
          all);
    }
    return spec;
  }

  private static Node mergeIntoSpec(Node root, Node values, SpecProblems problems) {
    if (!(values instanceof MappingNode) && !Nodes.isNull(values)) {
      SourceLocation at = YamlFiles.location(values);
      problems.add(
          values,
          "",
          "site values in "
              + at.file()
              + " must be a map of spec keys (registry, domain, services, …)");
      return root;
    }
    if (!(root instanceof MappingNode rootMap) || Nodes.isNull(values)) {
      return root;
    }
    List<NodeTuple> tuples = new ArrayList<>();
    boolean found = false;
    for (NodeTuple tuple : rootMap.getValue()) {
      if (tuple.getKeyNode() instanceof ScalarNode key && key.getValue().equals("spec")) {
        tuples.add(
            new NodeTuple(tuple.getKeyNode(), YamlMerge.merge(tuple.getValueNode(), values)));
        found = true;
      } else {
        tuples.add(tuple);
      }
    }
    if (!found) {
      return root; // the missing spec is reported by the reader
    }
    return new MappingNode(
        rootMap.getTag(),
        true,
        tuples,
        rootMap.getFlowStyle(),
        rootMap.getStartMark(),
        rootMap.getEndMark());
  }

  private static String label(Path file) {
    return file.toString();
  }
}
