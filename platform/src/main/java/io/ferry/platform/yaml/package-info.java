/** Safe YAML reading: size, alias and code point limits, and source locations for every node. */
@NullMarked
package io.ferry.platform.yaml;

import org.jspecify.annotations.NullMarked;
