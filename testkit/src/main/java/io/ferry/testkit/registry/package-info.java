/**
 * An OCI registry (CNCF distribution) with anonymous, basic, token auth and TLS, and a token
 * server.
 */
@NullMarked
package io.ferry.testkit.registry;

import org.jspecify.annotations.NullMarked;
