/**
 * OCI image manifests and indexes and their Docker v2 schema 2 counterparts, parsed with Jackson
 * while keeping the exact bytes: a manifest's digest is over those bytes, so Ferry never
 * re-serializes a manifest it did not write.
 */
@NullMarked
package io.ferry.oci.manifest;

import org.jspecify.annotations.NullMarked;
