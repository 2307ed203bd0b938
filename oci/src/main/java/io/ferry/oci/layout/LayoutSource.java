package io.ferry.oci.layout;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** Where an {@link OciLayoutReader} reads a layout's entries from: a folder, or a bundle's tar. */
public interface LayoutSource {

  /** The entry at {@code path} relative to the layout root, or empty when there is none. */
  Optional<InputStream> open(String path) throws IOException;

  /** A description for errors, e.g. the folder's path. */
  String describe();
}
