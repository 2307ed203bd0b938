package io.ferry.platform.spec;

import java.util.Optional;

/**
 * The tenant's quota on the platform's namespace.
 *
 * @param cpu total CPU requests, a Kubernetes quantity
 * @param memory total memory requests, a Kubernetes quantity
 * @param pods the number of pods
 */
public record Quota(Optional<String> cpu, Optional<String> memory, Optional<Integer> pods) {}
