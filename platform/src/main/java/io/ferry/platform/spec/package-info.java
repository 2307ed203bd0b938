/** The platform spec model, its loader with site values, and its validation. */
@NullMarked
package io.ferry.platform.spec;

import org.jspecify.annotations.NullMarked;
