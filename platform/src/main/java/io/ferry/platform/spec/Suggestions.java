package io.ferry.platform.spec;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** "Did you mean" for misspelt keys, by Levenshtein distance. */
final class Suggestions {

  private Suggestions() {}

  /** The closest candidate within a third of the word's length (at least 1, at most 3 edits). */
  static Optional<String> closest(String word, Collection<String> candidates) {
    int limit = Math.min(3, Math.max(1, word.length() / 3));
    return candidates.stream()
        .filter(candidate -> distance(word.toLowerCase(), candidate.toLowerCase()) <= limit)
        .min(
            Comparator.<String>comparingInt(c -> distance(word.toLowerCase(), c.toLowerCase()))
                .thenComparing(Comparator.naturalOrder()));
  }

  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
