package io.ferry.platform.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compares a desired object with the live one on the desired object's fields only: fields the
 * server adds (defaults, status, other managers' fields) are not Ferry's and not a change.
 */
public final class FieldDiff {

  private FieldDiff() {}

  /** The paths where {@code live} differs from {@code desired}, in document order. */
  public static List<String> changedPaths(Map<String, Object> desired, Map<String, Object> live) {
    List<String> paths = new ArrayList<>();
    compare("", desired, live, paths);
    return paths;
  }

  private static void compare(String path, Object desired, Object live, List<String> paths) {
    if (desired instanceof Map<?, ?> want) {
      if (!(live instanceof Map<?, ?> have)) {
        paths.add(path.isEmpty() ? "." : path);
        return;
      }
      for (Map.Entry<?, ?> entry : want.entrySet()) {
        String key = String.valueOf(entry.getKey());
        if (path.isEmpty() && (key.equals("status"))) {
          continue;
        }
        compare(path.isEmpty() ? key : path + "." + key, entry.getValue(), have.get(key), paths);
      }
    } else if (desired instanceof List<?> want) {
      if (!(live instanceof List<?> have) || have.size() != want.size()) {
        paths.add(path);
        return;
      }
      for (int i = 0; i < want.size(); i++) {
        compare(path + "[" + i + "]", want.get(i), have.get(i), paths);
      }
    } else if (!sameScalar(desired, live)) {
      paths.add(path);
    }
  }

  // JSON numbers and strings of the same value (ports as 8080 or "8080") are the same field value.
  private static boolean sameScalar(Object desired, Object live) {
    if (desired == null) {
      return true; // an unset field is not one Ferry manages
    }
    return live != null && Objects.equals(String.valueOf(desired), String.valueOf(live));
  }
}
