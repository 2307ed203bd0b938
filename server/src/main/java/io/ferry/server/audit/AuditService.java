package io.ferry.server.audit;

import io.ferry.server.web.ResultPage;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** Records who did what, and lists it back. */
@Service
public class AuditService {

  private static final int MAX_DETAIL = 1024;
  private final AuditRepository repository;
  private final Clock clock;
  private final AuditTotal total;

  AuditService(AuditRepository repository) {
    this.repository = repository;
    this.clock = Clock.systemUTC();
    this.total = new AuditTotal(() -> repository.count(AuditFilter.all()), clock);
  }

  /**
   * Records an action by the current user from the current request's address.
   *
   * <p>It runs in its own transaction, so a failure or denial is recorded even when the action's
   * own transaction rolls back.
   */
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public void record(String action, String target, AuditResult result, @Nullable String detail) {
    recordAs(currentActor(), action, target, result, detail);
  }

  /** Records an action by a named actor, e.g. a login attempt before anyone is authenticated. */
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public void recordAs(
      String actor, String action, String target, AuditResult result, @Nullable String detail) {
    String trimmed =
        detail == null || detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL);
    repository.insert(
        new AuditEvent(
            0, clock.instant(), actor, action, target, result.id(), currentSource(), trimmed));
    total.added();
  }

  /** One page of events, newest first. */
  @Transactional(readOnly = true)
  public ResultPage<AuditEvent> search(AuditFilter filter, ResultPage.PageRequest page) {
    long count = filter.equals(AuditFilter.all()) ? total.get() : repository.count(filter);
    return new ResultPage<>(repository.page(filter, page), page.page(), page.size(), count);
  }

  /** Every matching event, newest first, one at a time (for exports). */
  @Transactional(readOnly = true)
  public void forEach(AuditFilter filter, Consumer<AuditEvent> consumer) {
    repository.forEach(filter, consumer);
  }

  private static String currentActor() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    return authentication == null || !authentication.isAuthenticated()
        ? "anonymous"
        : authentication.getName();
  }

  private static String currentSource() {
    if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes servlet) {
      HttpServletRequest request = servlet.getRequest();
      return request.getRemoteAddr();
    }
    return "console";
  }
}
