package io.ferry.server.overview;

import io.ferry.server.audit.AuditFilter;
import io.ferry.server.audit.AuditService;
import io.ferry.server.instance.InstallationService;
import io.ferry.server.user.UserService;
import io.ferry.server.web.ResultPage;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The overview page: version, installation, users and the latest audited actions. */
@Controller
class OverviewController {

  private final InstallationService installations;
  private final UserService users;
  private final AuditService audit;

  OverviewController(InstallationService installations, UserService users, AuditService audit) {
    this.installations = installations;
    this.users = users;
    this.audit = audit;
  }

  @GetMapping("/")
  String overview(Model model) {
    model.addAttribute("installation", installations.current());
    model.addAttribute("userCount", users.count());
    model.addAttribute("recent", audit.search(AuditFilter.all(), ResultPage.request(0, 8)).items());
    return "home";
  }
}
