/** One real PostgreSQL 15 server per test run, with a fresh database per test class. */
@NullMarked
package io.ferry.testkit.postgres;

import org.jspecify.annotations.NullMarked;
