/** JUnit 5 extensions that start real services on loopback ports in temporary folders. */
@NullMarked
package io.ferry.testkit;

import org.jspecify.annotations.NullMarked;
