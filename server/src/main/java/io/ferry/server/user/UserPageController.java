package io.ferry.server.user;

import io.ferry.server.web.BadRequestException;
import io.ferry.server.web.ConflictException;
import io.ferry.server.web.ResultPage;
import java.security.Principal;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The users page: everyone sees the list; admins create users and change roles. */
@Controller
class UserPageController {

  private final UserService users;
  private final MessageSource messages;

  UserPageController(UserService users, MessageSource messages) {
    this.users = users;
    this.messages = messages;
  }

  @GetMapping("/users")
  String list(Model model) {
    return page(model, new UserForm("", "", Role.VIEWER.id()), Map.of());
  }

  @PostMapping("/users")
  String create(
      @RequestParam String username,
      @RequestParam(defaultValue = "") String displayName,
      @RequestParam String role,
      @RequestParam String password,
      Model model,
      RedirectAttributes redirect,
      Locale locale) {
    UserForm form = new UserForm(username, displayName, role);
    try {
      users.create(
          username.strip(),
          displayName.isBlank() ? username.strip() : displayName,
          Role.parse(role),
          password);
    } catch (BadRequestException e) {
      return page(model, form, e.fieldErrors());
    } catch (ConflictException e) {
      return page(model, form, Map.of("username", e.getMessage()));
    }
    redirect.addFlashAttribute(
        "notice", messages.getMessage("users.created", new Object[] {username}, locale));
    return "redirect:/users";
  }

  @PostMapping("/users/{username}")
  String update(
      @PathVariable String username,
      @RequestParam String role,
      @RequestParam boolean enabled,
      Principal principal,
      RedirectAttributes redirect,
      Locale locale) {
    try {
      users.update(username, null, Role.parse(role), enabled, principal.getName());
      redirect.addFlashAttribute(
          "notice", messages.getMessage("users.updated", new Object[] {username}, locale));
    } catch (BadRequestException e) {
      redirect.addFlashAttribute("problem", e.getMessage());
    }
    return "redirect:/users";
  }

  @PostMapping("/users/{username}/password")
  String resetPassword(
      @PathVariable String username,
      @RequestParam String password,
      RedirectAttributes redirect,
      Locale locale) {
    try {
      users.resetPassword(username, password);
      redirect.addFlashAttribute(
          "notice", messages.getMessage("users.passwordReset", new Object[] {username}, locale));
    } catch (BadRequestException e) {
      redirect.addFlashAttribute("problem", username + ": " + e.getMessage());
    }
    return "redirect:/users";
  }

  private String page(Model model, UserForm form, Map<String, String> errors) {
    model.addAttribute("users", users.list(null, ResultPage.request(0, 500)));
    model.addAttribute("roles", Role.values());
    model.addAttribute("now", Instant.now());
    model.addAttribute("form", form);
    model.addAttribute("errors", errors);
    return "users";
  }

  /** What was typed into the create form, shown again beside its errors. */
  record UserForm(String username, String displayName, String role) {}
}
