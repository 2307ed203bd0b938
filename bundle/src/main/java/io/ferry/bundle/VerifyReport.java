package io.ferry.bundle;

import io.ferry.oci.Digest;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What {@link BundleVerifier} found.
 *
 * @param index the bundle index, or null when it could not be read
 * @param indexDigest the sha256 of {@code bundle.json}'s bytes, or null when there is none
 * @param signature what is known about the signature
 * @param problems every problem found, each naming the entry, blob or image that is wrong
 */
public record VerifyReport(
    @Nullable BundleIndex index,
    @Nullable Digest indexDigest,
    SignatureStatus signature,
    List<String> problems) {

  /** What the signature check found. */
  public enum SignatureStatus {
    /** Checked with the given key and valid. */
    VALID,
    /** A signature is there but no key was given to check it. */
    NOT_CHECKED,
    /** The bundle has no signature. */
    UNSIGNED,
    /** Checked and wrong, or missing when a key was given. */
    INVALID
  }

  public VerifyReport {
    problems = List.copyOf(problems);
  }

  public boolean ok() {
    return problems.isEmpty();
  }
}
