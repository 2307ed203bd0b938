/** Image references and their rewrite to the site registry. */
@NullMarked
package io.ferry.platform.image;

import org.jspecify.annotations.NullMarked;
