package io.ferry.server.security;

import io.ferry.server.audit.AuditService;
import io.ferry.server.token.TokenService;
import io.ferry.server.user.Role;
import io.ferry.server.user.UserRepository;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may do what, for every endpoint: the API (tokens, HTTP Basic or the console session) and the
 * console (form login with CSRF). Reading needs a login; changing needs the role the README's table
 * names; anything not listed that changes state is for admins only, so a new endpoint is closed
 * until someone opens it on purpose.
 */
@Configuration
class SecurityConfig {

  private static final String[] TOKEN_ROLES = {
    Role.ADMIN.name(), Role.OPERATOR.name(), Role.DEVELOPER.name()
  };
  private static final java.util.Set<String> SAFE_METHODS =
      java.util.Set.of("GET", "HEAD", "OPTIONS", "TRACE");
  private static final String CSP =
      "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline';"
          + " script-src 'self'; object-src 'none'; frame-ancestors 'none'; form-action 'self';"
          + " base-uri 'self'";

  /**
   * One CSRF token per browser, in the {@code XSRF-TOKEN} cookie (readable by the page's script)
   * and compared as sent: the console's pages put it in their forms and htmx headers, and Swagger
   * UI reads the cookie and sends it as {@code X-XSRF-TOKEN}, so a logged-in user can also try the
   * API's changing calls there. Both chains share it, as they share the session.
   */
  private static final CookieCsrfTokenRepository CSRF_TOKENS = csrfTokens();

  private static CookieCsrfTokenRepository csrfTokens() {
    CookieCsrfTokenRepository tokens = CookieCsrfTokenRepository.withHttpOnlyFalse();
    tokens.setCookieCustomizer(cookie -> cookie.sameSite("Lax").path("/"));
    return tokens;
  }

  @Bean
  PasswordEncoder passwordEncoder() {
    return new BCryptPasswordEncoder();
  }

  @Bean
  @Order(1)
  SecurityFilterChain api(
      HttpSecurity http,
      TokenService tokens,
      UserRepository users,
      FerryUserDetailsService details,
      AuditService audit)
      throws Exception {
    ApiAuthenticationEntryPoint entryPoint = new ApiAuthenticationEntryPoint();
    http.securityMatcher("/api/**", "/v3/api-docs/**", "/actuator/**")
        .authorizeHttpRequests(
            a ->
                a.requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**")
                    .permitAll()
                    .requestMatchers("/api/v1/me", "/api/v1/me/**")
                    .authenticated()
                    .requestMatchers(HttpMethod.GET, "/**")
                    .authenticated()
                    .requestMatchers("/api/v1/users/**", "/api/v1/users")
                    .hasRole(Role.ADMIN.name())
                    .requestMatchers("/api/v1/tokens/**", "/api/v1/tokens")
                    .hasAnyRole(TOKEN_ROLES)
                    .anyRequest()
                    .hasRole(Role.ADMIN.name()))
        .httpBasic(basic -> basic.authenticationEntryPoint(entryPoint))
        .addFilterBefore(
            new BearerTokenFilter(tokens, users, details), BasicAuthenticationFilter.class)
        .addFilterAfter(new PasswordChangeGate(users), BasicAuthenticationFilter.class)
        // Scripts authenticate every request with a header and keep no session, so forged
        // cross-site requests cannot ride on them; a browser session must still send the token.
        // Requests with neither reach the authorization check and get a plain 401.
        .csrf(
            csrf ->
                csrf.requireCsrfProtectionMatcher(changesStateWithinASession())
                    .csrfTokenRepository(CSRF_TOKENS)
                    .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler()))
        .exceptionHandling(
            e ->
                e.authenticationEntryPoint(entryPoint)
                    .accessDeniedHandler(new AuditingAccessDeniedHandler(audit)))
        .headers(this::headers);
    return http.build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain console(HttpSecurity http, UserRepository users, AuditService audit)
      throws Exception {
    http.authorizeHttpRequests(
            a ->
                a.requestMatchers(
                        "/login", "/css/**", "/js/**", "/webjars/**", "/favicon.ico", "/error")
                    .permitAll()
                    .requestMatchers(HttpMethod.GET, "/**")
                    .authenticated()
                    .requestMatchers("/password", "/settings/**")
                    .authenticated()
                    .requestMatchers("/users/**")
                    .hasRole(Role.ADMIN.name())
                    .requestMatchers("/tokens/**")
                    .hasAnyRole(TOKEN_ROLES)
                    .anyRequest()
                    .hasRole(Role.ADMIN.name()))
        .csrf(
            csrf ->
                csrf.csrfTokenRepository(CSRF_TOKENS)
                    .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler()))
        .formLogin(form -> form.loginPage("/login").failureHandler(loginFailure()).permitAll())
        .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
        .addFilterAfter(new PasswordChangeGate(users), BasicAuthenticationFilter.class)
        .exceptionHandling(e -> e.accessDeniedHandler(new AuditingAccessDeniedHandler(audit)))
        .headers(this::headers);
    return http.build();
  }

  private void headers(
      org.springframework.security.config.annotation.web.configurers.HeadersConfigurer<HttpSecurity>
          headers) {
    headers
        .contentSecurityPolicy(csp -> csp.policyDirectives(CSP))
        .referrerPolicy(
            referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
        .frameOptions(frame -> frame.deny());
  }

  private static AuthenticationFailureHandler loginFailure() {
    return (request, response, exception) ->
        response.sendRedirect(
            request.getContextPath()
                + (exception instanceof LockedException ? "/login?locked" : "/login?error"));
  }

  private static RequestMatcher changesStateWithinASession() {
    return (HttpServletRequest request) ->
        !SAFE_METHODS.contains(request.getMethod())
            && request.getHeader("Authorization") == null
            && request.getRequestedSessionId() != null;
  }
}
