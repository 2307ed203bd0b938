package io.ferry.platform.spec;

import java.util.Optional;

/**
 * One Ingress host routed to one service port.
 *
 * @param port the service port
 * @param host the host, or empty for {@code <service>.<namespace>.<domain>}
 */
public record IngressRule(int port, Optional<String> host) {}
