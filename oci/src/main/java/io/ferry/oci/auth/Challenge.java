package io.ferry.oci.auth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One challenge of a {@code WWW-Authenticate} header, e.g. {@code Bearer
 * realm="https://auth/token",service="registry",scope="repository:app:pull,push"}.
 *
 * @param scheme lowercase, {@code bearer} or {@code basic}
 * @param parameters the auth-params with quotes removed, keys lowercase
 */
public record Challenge(String scheme, Map<String, String> parameters) {

  public Challenge {
    scheme = scheme.toLowerCase(Locale.ROOT);
    parameters = Map.copyOf(parameters);
  }

  /** A parameter such as {@code realm}, or null. */
  public @Nullable String parameter(String name) {
    return parameters.get(name.toLowerCase(Locale.ROOT));
  }

  /**
   * Parses every challenge in a header value (RFC 7235), keeping commas inside quoted values such
   * as {@code scope="repository:app:pull,push"}.
   */
  public static List<Challenge> parse(String header) {
    List<Challenge> challenges = new ArrayList<>();
    Tokenizer in = new Tokenizer(header);
    String scheme = null;
    Map<String, String> parameters = new LinkedHashMap<>();
    while (true) {
      in.skipSeparators();
      if (in.atEnd()) {
        break;
      }
      String token = in.token();
      if (token.isEmpty()) {
        in.skipChar(); // not a token character: skip it rather than loop
        continue;
      }
      in.skipSpaces();
      if (in.peek() == '=') {
        in.skipChar();
        in.skipSpaces();
        String value = in.peek() == '"' ? in.quoted() : in.token();
        if (scheme != null) {
          parameters.put(token.toLowerCase(Locale.ROOT), value);
        }
      } else {
        if (scheme != null) {
          challenges.add(new Challenge(scheme, parameters));
        }
        scheme = token;
        parameters = new LinkedHashMap<>();
      }
    }
    if (scheme != null) {
      challenges.add(new Challenge(scheme, parameters));
    }
    return challenges;
  }

  private static final class Tokenizer {
    private final String text;
    private int position;

    Tokenizer(String text) {
      this.text = text;
    }

    boolean atEnd() {
      return position >= text.length();
    }

    char peek() {
      return atEnd() ? '\0' : text.charAt(position);
    }

    void skipChar() {
      position++;
    }

    void skipSpaces() {
      while (!atEnd() && Character.isWhitespace(peek())) {
        position++;
      }
    }

    void skipSeparators() {
      while (!atEnd() && (Character.isWhitespace(peek()) || peek() == ',')) {
        position++;
      }
    }

    String token() {
      int start = position;
      while (!atEnd()) {
        char c = peek();
        if (Character.isWhitespace(c) || c == ',' || c == '=' || c == '"') {
          break;
        }
        position++;
      }
      return text.substring(start, position);
    }

    String quoted() {
      StringBuilder value = new StringBuilder();
      position++; // opening quote
      while (!atEnd() && peek() != '"') {
        if (peek() == '\\' && position + 1 < text.length()) {
          position++;
        }
        value.append(peek());
        position++;
      }
      position++; // closing quote
      return value.toString();
    }
  }
}
