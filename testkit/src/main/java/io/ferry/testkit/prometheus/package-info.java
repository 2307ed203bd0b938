/** A real Prometheus server on loopback with scrape targets and rule files given by the test. */
@NullMarked
package io.ferry.testkit.prometheus;

import org.jspecify.annotations.NullMarked;
