/** {@code ferry bundle …} subcommands: thin picocli wrappers over {@code io.ferry.bundle}. */
@NullMarked
package io.ferry.cli.bundle;

import org.jspecify.annotations.NullMarked;
