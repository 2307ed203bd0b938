package io.ferry.server.audit;

import io.ferry.server.web.ResultPage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/audit}: the audit log, filtered and paged, and its export. */
@RestController
@RequestMapping("/api/v1/audit")
@Tag(name = "Audit log")
class AuditApiController {

  private final AuditService audit;
  private final AuditExport export;

  AuditApiController(AuditService audit, AuditExport export) {
    this.audit = audit;
    this.export = export;
  }

  @GetMapping
  @Operation(summary = "Audit events, newest first")
  ResultPage<AuditEvent> list(
      @RequestParam(required = false) @Nullable String actor,
      @RequestParam(required = false) @Nullable String action,
      @RequestParam(required = false) @Nullable String target,
      @RequestParam(required = false) @Nullable String result,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
          @Nullable Instant from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
          @Nullable Instant to,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size) {
    return audit.search(
        AuditFilters.of(actor, action, target, result, from, to), ResultPage.request(page, size));
  }

  @GetMapping("/export")
  @Operation(summary = "Every matching event as CSV or JSON (format=csv|json), streamed")
  void export(
      @RequestParam(defaultValue = "csv") String format,
      @RequestParam(required = false) @Nullable String actor,
      @RequestParam(required = false) @Nullable String action,
      @RequestParam(required = false) @Nullable String target,
      @RequestParam(required = false) @Nullable String result,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
          @Nullable Instant from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
          @Nullable Instant to,
      HttpServletResponse response)
      throws IOException {
    export.write(AuditFilters.of(actor, action, target, result, from, to), format, response);
  }
}
