package io.ferry.server.token;

import io.ferry.server.web.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.security.Principal;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/tokens}: personal API tokens. */
@RestController
@RequestMapping("/api/v1/tokens")
@Tag(name = "API tokens")
class TokenApiController {

  static final int DEFAULT_DAYS = 90;
  private final TokenService tokens;

  TokenApiController(TokenService tokens) {
    this.tokens = tokens;
  }

  @GetMapping
  @Operation(summary = "My tokens; admins may ask for everyone's with all=true")
  List<ApiToken> list(
      @RequestParam(defaultValue = "false") boolean all, Authentication authentication) {
    return all && Tokens.isAdmin(authentication)
        ? tokens.listAll()
        : tokens.listFor(authentication.getName());
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(summary = "Create a token; its secret is in this answer and never again")
  CreatedToken create(@Valid @RequestBody NewToken request, Principal principal) {
    int days = request.expiresInDays() == null ? DEFAULT_DAYS : request.expiresInDays();
    return tokens.create(principal.getName(), request.name(), Duration.ofDays(days));
  }

  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(summary = "Revoke a token at once (my own; admins any)")
  void revoke(@PathVariable long id, Authentication authentication) {
    ApiToken token = tokens.get(id);
    if (!token.owner().equals(authentication.getName()) && !Tokens.isAdmin(authentication)) {
      // Another user's token is not ours to see, so it looks absent rather than forbidden.
      throw new NotFoundException("token " + id);
    }
    tokens.revoke(id);
  }

  /** A token to create. */
  record NewToken(@NotBlank String name, @Nullable Integer expiresInDays) {}
}
