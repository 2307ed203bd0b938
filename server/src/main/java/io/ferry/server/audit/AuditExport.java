package io.ferry.server.audit;

import io.ferry.server.web.BadRequestException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/** Streams audit events as CSV (RFC 4180) or as a JSON array, without loading them all. */
@Component
class AuditExport {

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
  private final AuditService audit;
  private final ObjectMapper json;

  AuditExport(AuditService audit, ObjectMapper json) {
    this.audit = audit;
    this.json = json;
  }

  void write(AuditFilter filter, String format, HttpServletResponse response) throws IOException {
    boolean csv = "csv".equals(format);
    if (!csv && !"json".equals(format)) {
      throw new BadRequestException(
          "format", "format was '" + format + "' but it must be csv or json");
    }
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.setContentType(csv ? "text/csv" : "application/json");
    response.setHeader(
        "Content-Disposition",
        "attachment; filename=\"ferry-audit-"
            + STAMP.format(Instant.now())
            + (csv ? ".csv" : ".json")
            + "\"");
    PrintWriter out = response.getWriter();
    if (csv) {
      out.print("id,at,actor,action,target,result,source,detail\r\n");
      audit.forEach(filter, event -> out.print(csvLine(event)));
    } else {
      out.print('[');
      boolean[] first = {true};
      audit.forEach(
          filter,
          event -> {
            if (!first[0]) {
              out.print(',');
            }
            first[0] = false;
            out.print(json.writeValueAsString(event));
          });
      out.print("]\n");
    }
    if (out.checkError()) {
      throw new UncheckedIOException(new IOException("the client closed the export early"));
    }
  }

  static String csvLine(AuditEvent e) {
    return String.join(
            ",",
            Long.toString(e.id()),
            e.at().toString(),
            cell(e.actor()),
            cell(e.action()),
            cell(e.target()),
            cell(e.result()),
            cell(e.source()),
            cell(e.detail() == null ? "" : e.detail()))
        + "\r\n";
  }

  /**
   * Quotes a CSV cell, and defuses cells a spreadsheet would run as a formula (CWE-1236): a user
   * name like {@code =HYPERLINK(…)} must not become a link when an auditor opens the file.
   */
  static String cell(String value) {
    String safe = value;
    if (!safe.isEmpty() && "=+-@\t\r".indexOf(safe.charAt(0)) >= 0) {
      safe = "'" + safe;
    }
    if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
      return "\"" + safe.replace("\"", "\"\"") + "\"";
    }
    return safe;
  }
}
