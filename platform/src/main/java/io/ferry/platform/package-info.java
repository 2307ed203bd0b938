/** The platform spec and the Kubernetes objects Ferry renders from it (no Spring). */
@NullMarked
package io.ferry.platform;

import org.jspecify.annotations.NullMarked;
