package io.ferry.bundle;

import io.ferry.oci.Digest;
import io.ferry.oci.manifest.Manifest;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What {@link BundleVerifier} found.
 *
 * @param index the bundle index, or null when it could not be read
 * @param indexDigest the sha256 of {@code bundle.json}'s bytes, or null when there is none
 * @param signature what is known about the signature
 * @param problems every problem found, each naming the entry, blob or image that is wrong
 * @param manifests the images' manifests that were read and match their digests, so that what comes
 *     next (push, serve) need not read and parse them again
 */
public record VerifyReport(
    @Nullable BundleIndex index,
    @Nullable Digest indexDigest,
    SignatureStatus signature,
    List<String> problems,
    Map<Digest, Manifest> manifests) {

  /** What the signature check found. */
  public enum SignatureStatus {
    /** Checked with the given key and valid. */
    VALID,
    /** A signature is there but no key was given to check it. */
    NOT_CHECKED,
    /** The bundle has no signature. */
    UNSIGNED,
    /** Checked and wrong, or missing when a key was given. */
    INVALID;

    /** As a push report and the console say it: valid, not-checked, unsigned, invalid. */
    public String word() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /**
     * What a command that went on without {@code --key} tells the operator, or null when there is
     * nothing to tell: nobody knows who made a bundle whose signature was not checked.
     */
    public @Nullable String warning() {
      return switch (this) {
        case NOT_CHECKED ->
            "the bundle is signed but its signature was not checked: give --key PUB.pem (the"
                + " public key of who made it) to check that it is theirs and unchanged";
        case UNSIGNED ->
            "the bundle is unsigned: its content is checked against its own index, but nothing"
                + " shows who made it (create --sign-key signs one)";
        default -> null;
      };
    }
  }

  public VerifyReport {
    problems = List.copyOf(problems);
    manifests = Map.copyOf(manifests);
  }

  /** A report of a bundle whose manifests were not read. */
  public VerifyReport(
      @Nullable BundleIndex index,
      @Nullable Digest indexDigest,
      SignatureStatus signature,
      List<String> problems) {
    this(index, indexDigest, signature, problems, Map.of());
  }

  public boolean ok() {
    return problems.isEmpty();
  }
}
