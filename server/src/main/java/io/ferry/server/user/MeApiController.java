package io.ferry.server.user;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.security.Principal;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/me}: the logged-in user's own account, open to every role. */
@RestController
@RequestMapping("/api/v1/me")
@Tag(name = "My account")
class MeApiController {

  private final UserService users;

  MeApiController(UserService users) {
    this.users = users;
  }

  @GetMapping
  @Operation(summary = "Who is logged in")
  User me(Principal principal) {
    return users.get(principal.getName());
  }

  @PutMapping("/password")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(summary = "Change my password, proving the current one")
  void changePassword(@Valid @RequestBody PasswordChange change, Principal principal) {
    users.changeOwnPassword(principal.getName(), change.currentPassword(), change.newPassword());
  }

  @PutMapping("/locale")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(summary = "Choose the console language (en, zh-CN), or null to follow the browser")
  void setLocale(@RequestBody LocaleChoice choice, Principal principal) {
    users.setLocale(principal.getName(), choice.locale());
  }

  /** The current and the new password. */
  record PasswordChange(@NotBlank String currentPassword, @NotBlank String newPassword) {}

  /** A language choice. */
  record LocaleChoice(@Nullable String locale) {}
}
