import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Adds up the Surefire reports of every module into one closing line, "N passed, N failed, N
 * skipped", so the end of a long multi-module log says how the whole run went.
 */
public class TestSummary {
  private static final Pattern SUITE = Pattern.compile("<testsuite\\s[^>]*>");

  public static void main(String[] args) throws IOException {
    Path root = Path.of(args.length > 0 ? args[0] : ".");
    List<Path> reports;
    try (Stream<Path> files = Files.walk(root)) {
      reports =
          files
              .filter(p -> p.toString().contains("/target/surefire-reports/"))
              .filter(p -> p.getFileName().toString().matches("TEST-.*\\.xml"))
              .toList();
    }
    long tests = 0, failures = 0, errors = 0, skipped = 0;
    for (Path report : reports) {
      String head = Files.readString(report);
      Matcher suite = SUITE.matcher(head);
      if (!suite.find()) continue;
      tests += attribute(suite.group(), "tests");
      failures += attribute(suite.group(), "failures");
      errors += attribute(suite.group(), "errors");
      skipped += attribute(suite.group(), "skipped");
    }
    long failed = failures + errors;
    long passed = tests - failed - skipped;
    System.out.printf("(%d test classes in all modules)%n", reports.size());
    System.out.printf("Summary: %d passed, %d failed, %d skipped%n", passed, failed, skipped);
  }

  private static long attribute(String element, String name) {
    Matcher m = Pattern.compile("\\s" + name + "=\"(\\d+)\"").matcher(element);
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }
}
