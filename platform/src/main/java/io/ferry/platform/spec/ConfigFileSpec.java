package io.ferry.platform.spec;

/**
 * A configuration file, shipped as a ConfigMap key and mounted as one file.
 *
 * @param mountPath the file's path in the container
 * @param content the file's content
 */
public record ConfigFileSpec(String mountPath, String content) {

  /** The file name the ConfigMap item gets: the last element of the mount path. */
  public String fileName() {
    return mountPath.substring(mountPath.lastIndexOf('/') + 1);
  }
}
