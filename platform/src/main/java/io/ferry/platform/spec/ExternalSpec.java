package io.ferry.platform.spec;

import java.util.List;
import java.util.Map;

/**
 * A dependency outside Kubernetes, reached in the cluster through a selector-less Service.
 *
 * @param addresses its IP addresses
 * @param ports its ports by name
 */
public record ExternalSpec(List<String> addresses, Map<String, Integer> ports) {}
