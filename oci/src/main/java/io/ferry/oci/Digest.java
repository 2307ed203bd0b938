package io.ferry.oci;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A content digest such as {@code sha256:3b4c…}, as OCI descriptors and registry URLs name content.
 *
 * @param algorithm {@code sha256} or {@code sha512}
 * @param hex the lowercase hex encoding of the hash
 */
public record Digest(String algorithm, String hex) {

  public Digest {
    int expectedLength =
        switch (algorithm) {
          case "sha256" -> 64;
          case "sha512" -> 128;
          default ->
              throw new IllegalArgumentException(
                  "Digest algorithm was '" + algorithm + "' but it must be sha256 or sha512");
        };
    if (hex.length() != expectedLength || !isLowercaseHex(hex)) {
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

  private static boolean isLowercaseHex(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
        return false;
      }
    }
    return true;
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

  /**
   * A fresh sha256 hasher, the algorithm Ferry writes everything with: a copy of one made once.
   * {@code MessageDigest.getInstance} looks the provider up each time and creates the hasher by
   * reflection, and by the 16th call the JDK generates an accessor class for that (15-20 ms of a
   * bundle push's start, which hashes every manifest).
   */
  public static MessageDigest newSha256() {
    try {
      return (MessageDigest) Sha256.PROTOTYPE.clone();
    } catch (CloneNotSupportedException e) {
      return getInstance("SHA-256");
    }
  }

  /** A fresh hasher for this digest's algorithm. */
  public MessageDigest newHasher() {
    return algorithm.equals("sha256") ? newSha256() : getInstance("SHA-512");
  }

  private static MessageDigest getInstance(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(
          "This JVM has no " + algorithm + ", which every Java 17 must have", e);
    }
  }

  /** Made on first use, so commands that hash nothing never load the security providers. */
  private static final class Sha256 {
    static final MessageDigest PROTOTYPE = getInstance("SHA-256");
  }

  /** Whether {@code hasher}, fed with some content, hashes to this digest. */
  public boolean matches(MessageDigest hasher) {
    return MessageDigest.isEqual(HexFormat.of().parseHex(hex), hasher.digest());
  }

  /** The first 12 hex characters, for progress lines where the full digest is noise. */
  public String shortHex() {
    return hex.substring(0, 12);
  }

  // equals and hashCode are written out: a record's own are bound on first use through
  // java.lang.runtime.ObjectMethods, 20-30 ms of method-handle set-up on Java 17 in the middle of
  // every bundle command's start.

  @Override
  public boolean equals(Object other) {
    return other instanceof Digest digest
        && hex.equals(digest.hex)
        && algorithm.equals(digest.algorithm);
  }

  @Override
  public int hashCode() {
    return 31 * algorithm.hashCode() + hex.hashCode();
  }

  @Override
  public String toString() {
    return algorithm + ":" + hex;
  }
}
