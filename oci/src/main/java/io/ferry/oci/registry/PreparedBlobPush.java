package io.ferry.oci.registry;

import io.ferry.oci.Descriptor;
import org.jspecify.annotations.Nullable;

/**
 * A blob push whose requests that carry no content are made ({@link
 * RegistryClient#prepareBlobPush}): the repository had the blob or mounted it ({@link #done}), or
 * an upload session is open at {@link #location} for {@link RegistryClient#finishBlobPush} to send
 * the content to. Preparing the next blobs while others are sent keeps every upload connection busy
 * with content instead of waiting on the registry's answers to {@code HEAD} and {@code POST}.
 */
public record PreparedBlobPush(
    String repository,
    Descriptor blob,
    @Nullable String mountFrom,
    @Nullable BlobPush done,
    @Nullable String location) {

  /** True when the content still has to be sent. */
  public boolean needsContent() {
    return done == null;
  }
}
