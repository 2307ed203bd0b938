package io.ferry.server.instance;

import io.ferry.oci.FerryVersion;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The landing page: product name, version and this installation. */
@Controller
class HomeController {

  private final InstallationService installations;

  HomeController(InstallationService installations) {
    this.installations = installations;
  }

  @GetMapping("/")
  String home(Model model) {
    model.addAttribute("version", FerryVersion.get());
    model.addAttribute("installation", installations.current());
    return "home";
  }
}
