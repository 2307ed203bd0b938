package io.ferry.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuditExportTest {

  @Test
  void quotesCellsThatNeedIt() {
    assertThat(AuditExport.cell("plain")).isEqualTo("plain");
    assertThat(AuditExport.cell("a,b")).isEqualTo("\"a,b\"");
    assertThat(AuditExport.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    assertThat(AuditExport.cell("two\nlines")).isEqualTo("\"two\nlines\"");
  }

  @Test
  void defusesSpreadsheetFormulas() {
    assertThat(AuditExport.cell("=HYPERLINK(\"http://x\")")).startsWith("\"'=HYPERLINK");
    assertThat(AuditExport.cell("+1")).isEqualTo("'+1");
    assertThat(AuditExport.cell("@sum")).isEqualTo("'@sum");
  }

  @Test
  void writesOneCrlfLinePerEvent() {
    AuditEvent event =
        new AuditEvent(
            7,
            Instant.parse("2026-11-26T08:00:00Z"),
            "admin",
            "user.create",
            "user:alice",
            "success",
            "127.0.0.1",
            null);
    assertThat(AuditExport.csvLine(event))
        .isEqualTo("7,2026-11-26T08:00:00Z,admin,user.create,user:alice,success,127.0.0.1,\r\n");
  }
}
