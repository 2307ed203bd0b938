package io.ferry.server.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/** Answers unauthenticated API requests with 401, the accepted schemes and a problem document. */
class ApiAuthenticationEntryPoint implements AuthenticationEntryPoint {

  @Override
  public void commence(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
      throws IOException {
    response.addHeader("WWW-Authenticate", "Basic realm=\"ferry\"");
    response.addHeader("WWW-Authenticate", "Bearer realm=\"ferry\"");
    Problems.write(
        response,
        HttpServletResponse.SC_UNAUTHORIZED,
        "Unauthorized",
        "Authenticate with an API token (Authorization: Bearer fry_…), HTTP Basic or a console"
            + " session: "
            + exception.getMessage());
  }
}
