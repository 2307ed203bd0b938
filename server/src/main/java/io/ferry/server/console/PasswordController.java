package io.ferry.server.console;

import io.ferry.server.user.UserService;
import io.ferry.server.web.BadRequestException;
import java.security.Principal;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Changing one's own password, forced at the first login. */
@Controller
class PasswordController {

  private final UserService users;
  private final MessageSource messages;

  PasswordController(UserService users, MessageSource messages) {
    this.users = users;
    this.messages = messages;
  }

  @GetMapping("/password")
  String form(Model model) {
    model.addAttribute("errors", Map.of());
    return "password";
  }

  @PostMapping("/password")
  String change(
      @RequestParam String currentPassword,
      @RequestParam String newPassword,
      @RequestParam String confirmPassword,
      Principal principal,
      Model model,
      RedirectAttributes redirect,
      java.util.Locale locale) {
    if (!newPassword.equals(confirmPassword)) {
      model.addAttribute(
          "errors",
          Map.of("confirmPassword", messages.getMessage("password.mismatch", null, locale)));
      return "password";
    }
    try {
      users.changeOwnPassword(principal.getName(), currentPassword, newPassword);
    } catch (BadRequestException e) {
      model.addAttribute("errors", e.fieldErrors());
      return "password";
    }
    redirect.addFlashAttribute("notice", messages.getMessage("password.changed", null, locale));
    return "redirect:/";
  }
}
