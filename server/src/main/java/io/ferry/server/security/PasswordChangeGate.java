package io.ferry.server.security;

import io.ferry.server.user.User;
import io.ferry.server.user.UserRepository;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets a user who must change their password do nothing else until they have: the console sends
 * them to the password page, the API answers 403 naming the endpoint that changes it.
 */
class PasswordChangeGate extends OncePerRequestFilter {

  static final String PAGE = "/password";
  static final String API = "/api/v1/me/password";
  private static final Set<String> ALLOWED = Set.of(PAGE, API, "/logout", "/api/v1/me", "/error");
  private final UserRepository users;

  PasswordChangeGate(UserRepository users) {
    this.users = users;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (authentication == null
        || authentication instanceof AnonymousAuthenticationToken
        || !authentication.isAuthenticated()
        || ALLOWED.contains(path)
        || isStatic(path)
        || !users.find(authentication.getName()).map(User::mustChangePassword).orElse(false)) {
      chain.doFilter(request, response);
      return;
    }
    if (path.startsWith("/api/") || path.startsWith("/actuator/") || path.startsWith("/v3/")) {
      Problems.write(
          response,
          HttpServletResponse.SC_FORBIDDEN,
          "Password change required",
          "Set a new password with PUT " + API + " before using the API");
    } else {
      response.sendRedirect(request.getContextPath() + PAGE);
    }
  }

  private static boolean isStatic(String path) {
    return path.startsWith("/css/") || path.startsWith("/js/") || path.startsWith("/webjars/");
  }
}
