/**
 * Image references, digests, descriptors and platforms shared by the OCI distribution client
 * ({@code io.ferry.oci.registry}), its authentication ({@code io.ferry.oci.auth}), manifests
 * ({@code io.ferry.oci.manifest}) and the OCI image layout ({@code io.ferry.oci.layout}).
 *
 * <p>The client is written on {@code java.net.http} rather than on a library: the alpha oras-java
 * can neither resume a transfer with {@code Range} nor report progress per blob, and jib-core
 * pushes only images it built itself. Everything here verifies what it reads against its digest.
 */
@NullMarked
package io.ferry.oci;

import org.jspecify.annotations.NullMarked;
