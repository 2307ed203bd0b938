package io.ferry.server.web;

import io.ferry.oci.FerryVersion;
import io.ferry.server.user.Role;
import io.ferry.server.user.User;
import io.ferry.server.user.UserRepository;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Puts what every console page shows into its model: the user, what they may do, the version. */
@ControllerAdvice(annotations = Controller.class)
class ConsoleModel {

  private final UserRepository users;

  ConsoleModel(UserRepository users) {
    this.users = users;
  }

  @ModelAttribute
  void addCommon(Model model, @Nullable Principal principal, HttpServletRequest request) {
    model.addAttribute("version", FerryVersion.get());
    model.addAttribute("path", request.getRequestURI());
    User me = principal == null ? null : users.find(principal.getName()).orElse(null);
    model.addAttribute("me", me);
    Role role = me == null ? null : me.role();
    model.addAttribute("isAdmin", role == Role.ADMIN);
    model.addAttribute("canUseTokens", role != null && role != Role.VIEWER);
  }
}
