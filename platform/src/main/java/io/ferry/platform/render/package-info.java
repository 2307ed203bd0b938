/** Deterministic rendering of a platform spec into Kubernetes objects and YAML. */
@NullMarked
package io.ferry.platform.render;

import org.jspecify.annotations.NullMarked;
