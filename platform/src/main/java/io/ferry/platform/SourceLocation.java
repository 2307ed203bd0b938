package io.ferry.platform;

import java.util.Comparator;

/**
 * A place in an input file, 1-based as editors show it.
 *
 * @param file the file name as the user gave it
 * @param line the line, from 1
 * @param column the column, from 1
 */
public record SourceLocation(String file, int line, int column)
    implements Comparable<SourceLocation> {

  private static final Comparator<SourceLocation> ORDER =
      Comparator.comparing(SourceLocation::file)
          .thenComparingInt(SourceLocation::line)
          .thenComparingInt(SourceLocation::column);

  @Override
  public int compareTo(SourceLocation other) {
    return ORDER.compare(this, other);
  }

  /** {@code file:line}; the column only matters for syntax errors, which print it themselves. */
  @Override
  public String toString() {
    return file + ":" + line;
  }
}
