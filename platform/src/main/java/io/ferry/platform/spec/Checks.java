package io.ferry.platform.spec;

import io.ferry.platform.image.ImageReference;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Checks of single values shared by the validators; each records a problem and goes on. */
final class Checks {

  private final SpecProblems problems;

  Checks(SpecProblems problems) {
    this.problems = problems;
  }

  void add(String path, String message) {
    problems.add(path, message);
  }

  void check(String path, String value, @Nullable String reason) {
    if (reason == null || value.isEmpty()) {
      return;
    }
    String field = Nodes.field(path);
    problems.add(
        path,
        field.equals(value)
            ? "name '" + value + "' " + reason
            : field + " was '" + value + "' but it " + reason);
  }

  boolean absolute(String path, String value) {
    if (value.isEmpty()) {
      return false; // reported as missing already
    }
    if (!value.startsWith("/")) {
      problems.add(
          path, Nodes.field(path) + " was '" + value + "' but it must be an absolute path");
      return false;
    }
    return true;
  }

  void ports(String path, Map<String, Integer> ports) {
    Map<Integer, String> byNumber = new HashMap<>();
    ports.forEach(
        (name, number) -> {
          String where = path + "." + name;
          check(where, name, Names.portName(name));
          if (number < 1 || number > 65535) {
            problems.add(where, name + " was '" + number + "' but it must be a port, 1 to 65535");
            return;
          }
          String other = byNumber.putIfAbsent(number, name);
          if (other != null) {
            problems.add(where, "port " + number + " is already used by port '" + other + "'");
          }
        });
  }

  void quantity(String path, String value) {
    if (!Quantities.isValid(value)) {
      problems.add(
          path,
          Nodes.field(path)
              + " was '"
              + value
              + "' but it must be a Kubernetes quantity such as 2, 500m, 512Mi or 4Gi"
              + Quantities.hint(value));
    }
  }

  void image(String path, String image) {
    try {
      ImageReference reference = ImageReference.parse(image);
      if (!reference.isPinned()) {
        problems.add(
            path,
            "image '"
                + image
                + "' has no tag or digest; pin one (an implicit 'latest' cannot be ferried)");
      }
    } catch (IllegalArgumentException e) {
      problems.add(
          path, "image was '" + image + "' but it is not an image reference: " + e.getMessage());
    }
  }

  static int parseOrZero(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  static <T extends Comparable<T>> List<T> sorted(Collection<T> values) {
    return values.stream().sorted().toList();
  }
}
