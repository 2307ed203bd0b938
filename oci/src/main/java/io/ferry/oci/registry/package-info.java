/**
 * The OCI distribution client: {@link io.ferry.oci.registry.RegistryClient} and one small class per
 * registry call behind the {@code RegistryEndpoint} interface, as jib-core arranges its calls.
 *
 * <p>Written on {@code java.net.http}: the alpha oras-java cannot resume a transfer and has no
 * progress hooks, and Ferry's bundle push needs both. Every blob and manifest read is verified
 * against its digest; failures throw {@link io.ferry.oci.RegistryException} naming the registry,
 * repository, what was tried, what the registry answered and a likely cause.
 */
@NullMarked
package io.ferry.oci.registry;

import org.jspecify.annotations.NullMarked;
