package io.ferry.server.console;

import java.security.Principal;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The login page; Spring Security handles the form's POST. */
@Controller
class LoginController {

  @GetMapping("/login")
  String login(@Nullable Principal principal) {
    return principal == null ? "login" : "redirect:/";
  }
}
