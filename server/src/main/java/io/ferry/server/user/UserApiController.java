package io.ferry.server.user;

import io.ferry.server.web.ResultPage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.security.Principal;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/users}: admins manage users; everyone logged in may list them. */
@RestController
@RequestMapping("/api/v1/users")
@Tag(name = "Users")
class UserApiController {

  private final UserService users;

  UserApiController(UserService users) {
    this.users = users;
  }

  @GetMapping
  @Operation(summary = "List users, optionally those whose name contains q")
  ResultPage<User> list(
      @RequestParam(required = false) @Nullable String q,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size) {
    return users.list(q, ResultPage.request(page, size));
  }

  @GetMapping("/{username}")
  @Operation(summary = "One user")
  User get(@PathVariable String username) {
    return users.get(username);
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(summary = "Create a user, who must change the password at the first login")
  User create(@Valid @RequestBody NewUser request) {
    return users.create(
        request.username(),
        request.displayName() == null ? request.username() : request.displayName(),
        Role.parse(request.role()),
        request.password());
  }

  @PatchMapping("/{username}")
  @Operation(summary = "Change a user's display name, role or enabled flag")
  User update(@PathVariable String username, @RequestBody UserChange change, Principal principal) {
    return users.update(
        username,
        change.displayName(),
        change.role() == null ? null : Role.parse(change.role()),
        change.enabled(),
        principal.getName());
  }

  @PutMapping("/{username}/password")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(summary = "Set a new password; the user must change it at the next login")
  void resetPassword(@PathVariable String username, @Valid @RequestBody PasswordReset request) {
    users.resetPassword(username, request.password());
  }

  /** A user to create. */
  record NewUser(
      @NotBlank @Size(max = 64) String username,
      @Nullable @Size(max = 128) String displayName,
      @NotNull String role,
      @NotBlank String password) {}

  /** Changes to a user; absent fields stay as they are. */
  record UserChange(
      @Nullable String displayName, @Nullable String role, @Nullable Boolean enabled) {}

  /** A new password set by an admin. */
  record PasswordReset(@NotBlank String password) {}
}
