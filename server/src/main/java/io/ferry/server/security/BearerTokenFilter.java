package io.ferry.server.security;

import io.ferry.server.token.ApiToken;
import io.ferry.server.token.TokenService;
import io.ferry.server.user.User;
import io.ferry.server.user.UserRepository;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer fry_…} requests with a personal API token.
 *
 * <p>A bad, expired or revoked token is refused with 401 at once rather than treated as anonymous,
 * so a script learns its token no longer works instead of getting odd answers.
 */
class BearerTokenFilter extends OncePerRequestFilter {

  private static final String BEARER = "Bearer ";
  private final TokenService tokens;
  private final UserRepository users;
  private final FerryUserDetailsService details;

  BearerTokenFilter(TokenService tokens, UserRepository users, FerryUserDetailsService details) {
    this.tokens = tokens;
    this.users = users;
    this.details = details;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      chain.doFilter(request, response);
      return;
    }
    Optional<ApiToken> token = tokens.authenticate(header.substring(BEARER.length()).strip());
    Optional<User> user = token.flatMap(t -> users.find(t.owner())).filter(User::enabled);
    if (user.isEmpty()) {
      response.setHeader("WWW-Authenticate", "Bearer realm=\"ferry\", error=\"invalid_token\"");
      Problems.write(
          response,
          HttpServletResponse.SC_UNAUTHORIZED,
          "Unauthorized",
          "The API token is unknown, expired or revoked, or its user is disabled");
      return;
    }
    // A token login checks no password, so the hash is not read on this per-request path.
    UserDetails principal = details.details(user.get(), "");
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(
        UsernamePasswordAuthenticationToken.authenticated(
            principal, null, principal.getAuthorities()));
    SecurityContextHolder.setContext(context);
    try {
      chain.doFilter(request, response);
    } finally {
      SecurityContextHolder.clearContext();
    }
  }
}
