package io.ferry.platform.spec;

/**
 * A directory of the node mounted into the container.
 *
 * @param path the directory on the node
 * @param mountPath where the container sees it
 */
public record HostPathSpec(String path, String mountPath) {}
