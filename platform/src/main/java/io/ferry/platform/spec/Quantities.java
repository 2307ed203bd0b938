package io.ferry.platform.spec;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Kubernetes quantity syntax ({@code 2}, {@code 500m}, {@code 4Gi}, {@code 1e3}), non-negative. */
public final class Quantities {

  private static final Pattern QUANTITY =
      Pattern.compile(
          "(\\d+(\\.\\d*)?|\\.\\d+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\\d+)?");

  private static final Pattern COMMON_MISTAKE =
      Pattern.compile("(\\d+(\\.\\d+)?)\\s*([kKmMgGtTpPeE])[iI]?[bB]?");

  private Quantities() {}

  /** Whether {@code text} is a quantity Kubernetes accepts. */
  public static boolean isValid(String text) {
    return QUANTITY.matcher(text).matches();
  }

  /** A hint for the common mistakes, {@code 4GB} and {@code 4gi}, or "" when there is none. */
  static String hint(String text) {
    Matcher mistake = COMMON_MISTAKE.matcher(text);
    return mistake.matches()
        ? " (did you mean " + mistake.group(1) + mistake.group(3).toUpperCase() + "i?)"
        : "";
  }
}
