package io.ferry.server.audit;

import io.ferry.server.web.BadRequestException;
import java.time.Instant;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/** Builds an {@link AuditFilter} from request parameters, blank meaning "any". */
final class AuditFilters {

  private AuditFilters() {}

  static AuditFilter of(
      @Nullable String actor,
      @Nullable String action,
      @Nullable String target,
      @Nullable String result,
      @Nullable Instant from,
      @Nullable Instant to) {
    String resultId = blankToNull(result);
    if (resultId != null
        && Arrays.stream(AuditResult.values()).noneMatch(r -> r.id().equals(resultId))) {
      throw new BadRequestException(
          "result", "result was '" + resultId + "' but it must be one of success, failure, denied");
    }
    return new AuditFilter(
        blankToNull(actor), blankToNull(action), blankToNull(target), resultId, from, to);
  }

  private static @Nullable String blankToNull(@Nullable String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
