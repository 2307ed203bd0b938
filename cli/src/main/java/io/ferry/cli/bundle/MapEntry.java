package io.ferry.cli.bundle;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * One {@code --map SRC=DST}: the source repository as the spec writes it and the target repository.
 * A converter of its own so that a malformed value is explained (picocli's map option said "Value
 * for option option '--map' (SRC=DST) should be in KEY=VALUE format").
 */
record MapEntry(String source, String target) implements ITypeConverter<MapEntry> {

  /** picocli creates the converter with no arguments. */
  MapEntry() {
    this("", "");
  }

  @Override
  public MapEntry convert(String value) {
    int equals = value.indexOf('=');
    if (equals <= 0 || equals == value.length() - 1) {
      throw new TypeConversionException(
          "'"
              + value
              + "' is not SRC=DST: the source repository as the spec writes it, without tag, '=',"
              + " and the target repository without host, e.g."
              + " registry.vendor.example/library/busybox=tools/busybox");
    }
    String source = value.substring(0, equals);
    String target = value.substring(equals + 1);
    String sourceName = source.substring(source.lastIndexOf('/') + 1);
    if (sourceName.contains(":") || sourceName.contains("@")) {
      String tag = sourceName.substring(Math.max(sourceName.indexOf(':'), 0));
      throw new TypeConversionException(
          "'"
              + value
              + "': SRC is a repository without tag or digest: drop '"
              + (sourceName.contains("@") ? sourceName.substring(sourceName.indexOf('@')) : tag)
              + "' (every image of that repository goes to DST)");
    }
    String firstPart = target.contains("/") ? target.substring(0, target.indexOf('/')) : "";
    if (firstPart.contains(":") || firstPart.equals("localhost")) {
      throw new TypeConversionException(
          "'"
              + value
              + "': DST is a repository without host ('"
              + firstPart
              + "' looks like one): the registry is --registry's");
    }
    String targetName = target.substring(target.lastIndexOf('/') + 1);
    if (targetName.contains(":") || targetName.contains("@")) {
      throw new TypeConversionException(
          "'"
              + value
              + "': DST is a repository without tag: an image keeps its tag (and digest), only"
              + " its repository changes");
    }
    return new MapEntry(source, target);
  }

  /** The entries by source; a source given twice is an error. */
  static Map<String, String> toMap(List<MapEntry> entries) {
    Map<String, String> map = new LinkedHashMap<>();
    for (MapEntry entry : entries) {
      String before = map.putIfAbsent(entry.source(), entry.target());
      if (before != null && !before.equals(entry.target())) {
        throw new IllegalArgumentException(
            "--map gives "
                + entry.source()
                + " two targets, "
                + before
                + " and "
                + entry.target()
                + "; give it one");
      }
    }
    return map;
  }
}
