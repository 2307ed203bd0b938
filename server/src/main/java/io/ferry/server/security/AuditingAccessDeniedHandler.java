package io.ferry.server.security;

import io.ferry.server.audit.AuditResult;
import io.ferry.server.audit.AuditService;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.csrf.CsrfException;

/**
 * Audits refused changes (a viewer trying to create a user, a form without its CSRF token) and
 * answers the API with a 403 problem and the console with its error page.
 */
class AuditingAccessDeniedHandler implements AccessDeniedHandler {

  private final AuditService audit;
  private final AccessDeniedHandler page = new AccessDeniedHandlerImpl();

  AuditingAccessDeniedHandler(AuditService audit) {
    this.audit = audit;
  }

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
      throws IOException, ServletException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    String reason =
        denied instanceof CsrfException
            ? "missing or wrong CSRF token"
            : "the user's role does not allow it";
    if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
      audit.record(
          "http." + request.getMethod().toLowerCase(java.util.Locale.ROOT),
          path,
          AuditResult.DENIED,
          reason);
    }
    if (path.startsWith("/api/")) {
      Problems.write(
          response,
          HttpServletResponse.SC_FORBIDDEN,
          "Forbidden",
          request.getMethod() + " " + path + " was refused: " + reason);
    } else {
      page.handle(request, response, denied);
    }
  }
}
