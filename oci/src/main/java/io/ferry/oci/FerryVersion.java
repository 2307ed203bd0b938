package io.ferry.oci;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version of Ferry that is running, as stamped by the build.
 *
 * <p>It lives in {@code oci} because every module depends on it: registry calls send it in their
 * {@code User-Agent}, bundles record it in their index, and the console and CLI show it.
 */
public final class FerryVersion {

  private static final String RESOURCE = "ferry-version.properties";
  private static final String VERSION = load();

  private FerryVersion() {}

  /** The version string, e.g. {@code 0.1.0-SNAPSHOT}. */
  public static String get() {
    return VERSION;
  }

  /** The {@code User-Agent} Ferry sends to registries and other servers. */
  public static String userAgent() {
    return "ferry/" + VERSION;
  }

  private static String load() {
    try (InputStream in = FerryVersion.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "Tried to read " + RESOURCE + " from the classpath but it is missing (a broken build)");
      }
      Properties properties = new Properties();
      properties.load(in);
      String version = properties.getProperty("version", "").strip();
      if (version.isEmpty() || version.startsWith("${")) {
        throw new IllegalStateException(
            "Tried to read the Ferry version from "
                + RESOURCE
                + " but it was not stamped by the build");
      }
      return version;
    } catch (IOException e) {
      throw new UncheckedIOException("Tried to read " + RESOURCE + " but failed", e);
    }
  }
}
