package io.ferry.server.token;

/**
 * A token just created, with its secret: the only time the secret is available.
 *
 * @param token the stored token
 * @param secret the value to send as {@code Authorization: Bearer <secret>}
 */
public record CreatedToken(ApiToken token, String secret) {
  @Override
  public String toString() {
    return "CreatedToken[token=" + token + ", secret=***]";
  }
}
