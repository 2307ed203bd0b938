/**
 * A fake Harbor on loopback: Harbor's project API v2.0 in the test JVM, with its {@code /v2/}
 * registry API proxied to a real {@link io.ferry.testkit.registry.OciRegistry} at the same address.
 */
@NullMarked
package io.ferry.testkit.harbor;

import org.jspecify.annotations.NullMarked;
