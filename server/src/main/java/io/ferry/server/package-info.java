/** The Ferry console: Spring Boot application, persistence, web UI and REST API by feature. */
@NullMarked
package io.ferry.server;

import org.jspecify.annotations.NullMarked;
