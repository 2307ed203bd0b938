package io.ferry.cli;

import java.nio.channels.spi.SelectorProvider;
import java.util.List;

/**
 * Names the JDK's own selector provider in {@code java.nio.channels.spi.SelectorProvider} before
 * anything opens a socket channel. Without the property, the first {@link
 * SelectorProvider#provider()} looks for other providers with a {@link java.util.ServiceLoader},
 * which opens every jar on the class path: 70-115 ms of a {@code bundle push} before its first
 * request (class-loading timestamps, 4 runs; 4 ms with the property). None of Ferry's jars brings a
 * provider, so the answer is the JDK's default either way.
 *
 * <p>A property the user set is kept; on a JDK without one of the known providers nothing is set
 * and the lookup runs as before.
 */
final class JdkSelectorProvider {

  static final String PROPERTY = "java.nio.channels.spi.SelectorProvider";

  /** The JDK's default providers: Linux, then macOS. */
  private static final List<String> DEFAULTS =
      List.of("sun.nio.ch.EPollSelectorProvider", "sun.nio.ch.KQueueSelectorProvider");

  private JdkSelectorProvider() {}

  /** Sets the property to the first default this JDK has, unless it is set; returns its value. */
  static String name() {
    String set = System.getProperty(PROPERTY);
    if (set != null) {
      return set;
    }
    for (String name : DEFAULTS) {
      try {
        if (SelectorProvider.class.isAssignableFrom(Class.forName(name, false, null))) {
          System.setProperty(PROPERTY, name);
          return name;
        }
      } catch (ClassNotFoundException | LinkageError e) {
        // not this platform's provider: try the next
      }
    }
    return null;
  }
}
