/** A real Alertmanager on loopback, by default sending to a webhook recorder in the test JVM. */
@NullMarked
package io.ferry.testkit.alertmanager;

import org.jspecify.annotations.NullMarked;
