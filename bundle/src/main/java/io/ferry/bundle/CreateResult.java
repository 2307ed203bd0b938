package io.ferry.bundle;

import io.ferry.oci.Digest;
import java.nio.file.Path;

/**
 * A bundle that was written.
 *
 * @param file where it is
 * @param index its index
 * @param indexDigest the sha256 of {@code bundle.json}'s bytes
 * @param signed whether {@code bundle.json.sig} was written
 */
public record CreateResult(Path file, BundleIndex index, Digest indexDigest, boolean signed) {}
