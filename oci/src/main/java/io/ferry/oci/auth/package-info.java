/**
 * Registry authentication: anonymous, basic, and the bearer token flow that {@code
 * WWW-Authenticate: Bearer realm=…,service=…,scope=…} starts; credentials come from {@code
 * ~/.docker/config.json} or are given explicitly.
 */
@NullMarked
package io.ferry.oci.auth;

import org.jspecify.annotations.NullMarked;
