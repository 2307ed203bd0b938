package io.ferry.platform.spec;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The name rules of Kubernetes (apimachinery's validation), applied before the API server does. */
public final class Names {

  private static final Pattern DNS_1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern DNS_1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern IANA_SVC_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern LABEL_VALUE =
      Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
  private static final Pattern ENV_NAME = Pattern.compile("[-._a-zA-Z][-._a-zA-Z0-9]*");

  /** Service names leave room for {@code -headless} and the revision hash suffixes. */
  public static final int MAX_SERVICE_NAME = 52;

  private Names() {}

  /** Why {@code name} is not a DNS-1123 label (namespaces, volumes), or null when it is. */
  public static @Nullable String dns1123Label(String name) {
    if (name.length() > 63) {
      return "must be at most 63 characters";
    }
    return DNS_1123_LABEL.matcher(name).matches()
        ? null
        : "must be a DNS-1123 label: lowercase letters, digits and '-', starting and ending with"
            + " a letter or digit";
  }

  /** Why {@code name} is not a DNS-1035 label of at most {@code max} characters, or null. */
  public static @Nullable String dns1035Label(String name, int max) {
    if (name.length() > max) {
      return "must be at most " + max + " characters";
    }
    return DNS_1035_LABEL.matcher(name).matches()
        ? null
        : "must be a DNS-1035 label: lowercase letters, digits and '-', starting with a letter"
            + " and ending with a letter or digit";
  }

  /** Why {@code name} is not a DNS-1123 subdomain (hosts, domains, secret names), or null. */
  public static @Nullable String dns1123Subdomain(String name) {
    if (name.length() > 253) {
      return "must be at most 253 characters";
    }
    for (String label : name.split("\\.", -1)) {
      if (label.isEmpty() || !DNS_1123_LABEL.matcher(label).matches() || label.length() > 63) {
        return "must be a DNS name: dot-separated labels of lowercase letters, digits and '-'";
      }
    }
    return null;
  }

  /** Why {@code name} is not an IANA service name (port names), or null. */
  public static @Nullable String portName(String name) {
    if (name.length() > 15) {
      return "must be at most 15 characters (an IANA service name)";
    }
    if (!IANA_SVC_NAME.matcher(name).matches()
        || name.contains("--")
        || name.chars().noneMatch(Character::isLetter)) {
      return "must be an IANA service name: lowercase letters, digits and single '-', with at"
          + " least one letter";
    }
    return null;
  }

  /** Why {@code value} is not a valid label value, or null. */
  public static @Nullable String labelValue(String value) {
    if (value.length() > 63) {
      return "must be at most 63 characters (it becomes a label value)";
    }
    return LABEL_VALUE.matcher(value).matches()
        ? null
        : "must be a label value: letters, digits, '-', '_' and '.', starting and ending with a"
            + " letter or digit";
  }

  /** Why {@code name} is not an environment variable name, or null. */
  public static @Nullable String envName(String name) {
    return ENV_NAME.matcher(name).matches()
        ? null
        : "must consist of letters, digits, '_', '-' and '.', and not start with a digit";
  }
}
