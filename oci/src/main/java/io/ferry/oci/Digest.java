package io.ferry.oci;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A content digest such as {@code sha256:3b4c…}, as OCI descriptors and registry URLs name content.
 *
 * @param algorithm {@code sha256} or {@code sha512}
 * @param hex the lowercase hex encoding of the hash
 */
public record Digest(String algorithm, String hex) {

  private static final Pattern HEX = Pattern.compile("[a-f0-9]+");

  public Digest {
    int expectedLength =
        switch (algorithm) {
          case "sha256" -> 64;
          case "sha512" -> 128;
          default ->
              throw new IllegalArgumentException(
                  "Digest algorithm was '" + algorithm + "' but it must be sha256 or sha512");
        };
    if (hex.length() != expectedLength || !HEX.matcher(hex).matches()) {
      throw new IllegalArgumentException(
          "Digest was '"
              + algorithm
              + ":"
              + hex
              + "' but its hex part must be "
              + expectedLength
              + " lowercase hex characters");
    }
  }

  /** Parses {@code sha256:<64 hex>} (or {@code sha512:<128 hex>}). */
  public static Digest parse(String digest) {
    int colon = digest.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException(
          "Digest was '" + digest + "' but it must look like sha256:<64 lowercase hex characters>");
    }
    return new Digest(digest.substring(0, colon), digest.substring(colon + 1));
  }

  /** The sha256 digest of {@code bytes}. */
  public static Digest of(byte[] bytes) {
    return sha256(newSha256().digest(bytes));
  }

  /** A digest from a finished sha256 {@link MessageDigest}'s result. */
  public static Digest sha256(byte[] hash) {
    return new Digest("sha256", HexFormat.of().formatHex(hash));
  }

  /** A fresh sha256 hasher, the algorithm Ferry writes everything with. */
  public static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("This JVM has no SHA-256, which every Java 17 must have", e);
    }
  }

  /** A fresh hasher for this digest's algorithm. */
  public MessageDigest newHasher() {
    try {
      return MessageDigest.getInstance(algorithm.equals("sha256") ? "SHA-256" : "SHA-512");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("This JVM has no " + algorithm, e);
    }
  }

  /** Whether {@code hasher}, fed with some content, hashes to this digest. */
  public boolean matches(MessageDigest hasher) {
    return MessageDigest.isEqual(HexFormat.of().parseHex(hex), hasher.digest());
  }

  /** The first 12 hex characters, for progress lines where the full digest is noise. */
  public String shortHex() {
    return hex.substring(0, 12);
  }

  @Override
  public String toString() {
    return algorithm + ":" + hex;
  }
}
