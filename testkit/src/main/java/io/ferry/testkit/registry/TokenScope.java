package io.ferry.testkit.registry;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/** One {@code scope} of a token request, e.g. {@code repository:library/app:pull,push}. */
record TokenScope(String type, String name, Set<String> actions) {

  /** Parses a scope; the name may itself contain colons, the actions follow the last one. */
  static TokenScope parse(String scope) {
    int first = scope.indexOf(':');
    int last = scope.lastIndexOf(':');
    if (first <= 0 || last == first) {
      throw new IllegalArgumentException(
          "scope was '" + scope + "' but it must look like repository:<name>:<actions>");
    }
    Set<String> actions = new LinkedHashSet<>();
    Arrays.stream(scope.substring(last + 1).split(","))
        .filter(action -> !action.isBlank())
        .forEach(actions::add);
    return new TokenScope(scope.substring(0, first), scope.substring(first + 1, last), actions);
  }

  TokenScope grantOnly(Set<String> allowed) {
    Set<String> granted = new LinkedHashSet<>(actions);
    if (!allowed.contains("*")) {
      granted.retainAll(allowed);
    }
    return new TokenScope(type, name, granted);
  }
}
