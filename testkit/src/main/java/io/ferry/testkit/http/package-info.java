/** Small HTTP servers in the test JVM that record what real services send them. */
@NullMarked
package io.ferry.testkit.http;

import org.jspecify.annotations.NullMarked;
