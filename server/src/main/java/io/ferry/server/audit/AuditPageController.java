package io.ferry.server.audit;

import io.ferry.server.web.BadRequestException;
import io.ferry.server.web.ResultPage;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The audit log page, with filters and paging; htmx swaps only the results when filtering. */
@Controller
class AuditPageController {

  private static final int PAGE_SIZE = 50;
  private final AuditService audit;

  AuditPageController(AuditService audit) {
    this.audit = audit;
  }

  @GetMapping("/audit")
  String list(
      @RequestParam(required = false) @Nullable String actor,
      @RequestParam(required = false) @Nullable String action,
      @RequestParam(required = false) @Nullable String target,
      @RequestParam(required = false) @Nullable String result,
      @RequestParam(required = false) @Nullable String from,
      @RequestParam(required = false) @Nullable String to,
      @RequestParam(defaultValue = "0") int page,
      Model model) {
    model.addAttribute("filter", new FilterForm(actor, action, target, result, from, to));
    model.addAttribute(
        "results", Arrays.stream(AuditResult.values()).map(AuditResult::id).toList());
    ResultPage<AuditEvent> events;
    try {
      AuditFilter filter =
          AuditFilters.of(actor, action, target, result, instant("from", from), instant("to", to));
      events = audit.search(filter, ResultPage.request(Math.max(page, 0), PAGE_SIZE));
    } catch (BadRequestException e) {
      model.addAttribute("problem", e.getMessage());
      events = new ResultPage<>(java.util.List.of(), 0, PAGE_SIZE, 0);
    }
    model.addAttribute("events", events);
    model.addAttribute("pages", Math.max(1, (events.total() + PAGE_SIZE - 1) / PAGE_SIZE));
    return "audit";
  }

  private static @Nullable Instant instant(String field, @Nullable String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw new BadRequestException(
          field,
          field + " was '" + value + "' but it must be a UTC time such as 2026-11-26T08:00:00Z");
    }
  }

  /** The filter as typed, shown back in the form. */
  record FilterForm(
      @Nullable String actor,
      @Nullable String action,
      @Nullable String target,
      @Nullable String result,
      @Nullable String from,
      @Nullable String to) {}
}
