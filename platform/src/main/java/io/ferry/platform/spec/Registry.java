package io.ferry.platform.spec;

import java.util.Optional;

/**
 * The site registry.
 *
 * @param host registry host, with a port when not 443
 * @param project Harbor project or path prefix
 * @param pullSecret the name of a Secret in the namespace with the registry's credentials
 */
public record Registry(String host, String project, Optional<String> pullSecret) {}
