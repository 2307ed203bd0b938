/** A certificate authority made at test time, and the server certificates it issues. */
@NullMarked
package io.ferry.testkit.tls;

import org.jspecify.annotations.NullMarked;
