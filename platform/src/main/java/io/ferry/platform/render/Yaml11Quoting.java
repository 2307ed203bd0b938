package io.ferry.platform.render;

import java.util.regex.Pattern;
import tools.jackson.dataformat.yaml.util.StringQuotingChecker;

/**
 * Quotes every string that a YAML 1.1 reader would take for something else. kubectl and the API
 * server read YAML with go-yaml, which still types {@code 0x1F}, {@code 1e3}, {@code 1:30} and
 * {@code off} the YAML 1.1 way, so an env value like those must be quoted to stay a string.
 */
final class Yaml11Quoting extends StringQuotingChecker.Default {

  private static final long serialVersionUID = 1L;

  private static final Pattern YAML_11_SCALAR =
      Pattern.compile(
          "[-+]?(0x[0-9a-fA-F_]+|0o?[0-7_]+|0b[01_]+|[0-9][0-9_]*(:[0-5]?[0-9])+"
              + "|[0-9][0-9_]*(\\.[0-9_]*)?([eE][-+]?[0-9]+)?|\\.[0-9_]+([eE][-+]?[0-9]+)?"
              + "|\\.(inf|Inf|INF))|\\.(nan|NaN|NAN)"
              + "|(?i:y|n|yes|no|on|off|true|false|null)|~|=|<<");

  @Override
  public boolean needToQuoteValue(String value) {
    return super.needToQuoteValue(value) || YAML_11_SCALAR.matcher(value).matches();
  }
}
