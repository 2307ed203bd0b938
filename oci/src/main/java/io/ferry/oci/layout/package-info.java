/**
 * The OCI image layout: {@code oci-layout}, {@code index.json} with {@code
 * org.opencontainers.image.ref.name} annotations, and {@code blobs/sha256/<hex>}.
 *
 * <p>The model ({@link io.ferry.oci.layout.OciLayout}, {@link io.ferry.oci.layout.LayoutIndex}) is
 * kept apart from I/O: {@link io.ferry.oci.layout.OciLayoutWriter} and {@link
 * io.ferry.oci.layout.OciLayoutReader} work over {@link io.ferry.oci.layout.LayoutSink} and {@link
 * io.ferry.oci.layout.LayoutSource}, which {@link io.ferry.oci.layout.LayoutDirectory} implements
 * for a folder and a bundle implements for its tar.
 */
@NullMarked
package io.ferry.oci.layout;

import org.jspecify.annotations.NullMarked;
