package io.ferry.server.console;

import io.ferry.server.user.UserService;
import java.security.Principal;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The user's own settings: console language (remembered per user) and password. */
@Controller
class SettingsController {

  private final UserService users;
  private final MessageSource messages;

  SettingsController(UserService users, MessageSource messages) {
    this.users = users;
    this.messages = messages;
  }

  @GetMapping("/settings")
  String settings() {
    return "settings";
  }

  @PostMapping("/settings/language")
  String language(
      @RequestParam(required = false) @Nullable String locale,
      @RequestParam(defaultValue = "/") String returnTo,
      Principal principal,
      RedirectAttributes redirect) {
    String chosen = locale == null || locale.isBlank() ? null : locale;
    users.setLocale(principal.getName(), chosen);
    Locale shown = chosen == null ? Locale.ENGLISH : Locale.forLanguageTag(chosen);
    redirect.addFlashAttribute(
        "notice", messages.getMessage("settings.language.saved", null, shown));
    // Only paths of this console: never redirect to another site.
    boolean local = returnTo.startsWith("/") && !returnTo.startsWith("//");
    return "redirect:" + (local ? returnTo : "/");
  }
}
