package io.ferry.server.audit;

import io.ferry.server.web.ResultPage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springdoc.core.annotations.ParameterObject;
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
      @ParameterObject AuditQuery query,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size) {
    return audit.search(query.filter(), ResultPage.request(page, size));
  }

  @GetMapping("/export")
  @Operation(summary = "Every matching event as CSV or JSON (format=csv|json), streamed")
  void export(
      @RequestParam(defaultValue = "csv") String format,
      @ParameterObject AuditQuery query,
      HttpServletResponse response)
      throws IOException {
    export.write(query.filter(), format, response);
  }
}
