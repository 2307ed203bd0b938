package io.ferry.bundle;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/** Finds the files that {@code spec.monitoring.rules} globs name, relative to the spec. */
final class RuleFiles {

  private RuleFiles() {}

  /** Relative paths (with {@code /}) of the matched files, sorted; every glob must match one. */
  static List<String> find(Path specDir, List<String> globs) {
    TreeSet<String> found = new TreeSet<>();
    List<String> problems = new ArrayList<>();
    for (String glob : globs) {
      if (glob.startsWith("/") || List.of(glob.split("/")).contains("..")) {
        problems.add(
            "spec.monitoring.rules '"
                + glob
                + "' must be relative to the spec's folder, without '..'");
        continue;
      }
      PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
      List<String> matched = new ArrayList<>();
      try (Stream<Path> files = Files.walk(specDir)) {
        files
            .filter(Files::isRegularFile)
            .map(specDir::relativize)
            .filter(matcher::matches)
            .forEach(path -> matched.add(path.toString().replace('\\', '/')));
      } catch (IOException e) {
        throw new BundleException(
            "Tried to find rule files '" + glob + "' in " + specDir + " but failed: " + e, e);
      }
      if (matched.isEmpty()) {
        problems.add("spec.monitoring.rules '" + glob + "' matched no file in " + specDir);
      }
      found.addAll(matched);
    }
    if (!problems.isEmpty()) {
      throw new BundleException(String.join("; ", problems));
    }
    return List.copyOf(found);
  }
}
