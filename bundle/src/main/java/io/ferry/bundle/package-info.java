/**
 * The offline bundle: one tar holding an OCI image layout, the platform spec, site values and rule
 * files, described by a signed index ({@code bundle.json}). {@link io.ferry.bundle.BundleCreator}
 * writes one from registries, {@link io.ferry.bundle.BundleVerifier} checks one, {@link
 * io.ferry.bundle.BundleFile} reads entries in place.
 */
@NullMarked
package io.ferry.bundle;

import org.jspecify.annotations.NullMarked;
