package io.ferry.server.token;

import io.ferry.server.web.BadRequestException;
import io.ferry.server.web.ConflictException;
import io.ferry.server.web.NotFoundException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The API tokens page: one's own tokens (admins see everyone's), create and revoke. */
@Controller
class TokenPageController {

  private final TokenService tokens;
  private final MessageSource messages;

  TokenPageController(TokenService tokens, MessageSource messages) {
    this.tokens = tokens;
    this.messages = messages;
  }

  @GetMapping("/tokens")
  String list(Model model, Authentication authentication) {
    return page(
        model, authentication, new TokenForm("", TokenApiController.DEFAULT_DAYS), Map.of());
  }

  @PostMapping("/tokens")
  String create(
      @RequestParam String name,
      @RequestParam(defaultValue = "90") String expiresInDays,
      Model model,
      Authentication authentication) {
    TokenForm form = new TokenForm(name, 0);
    int days;
    try {
      days = Integer.parseInt(expiresInDays.strip());
      form = new TokenForm(name, days);
    } catch (NumberFormatException e) {
      return page(
          model,
          authentication,
          form,
          Map.of(
              "expiresInDays",
              "expiresInDays was '" + expiresInDays + "' but it must be a number"));
    }
    try {
      // Rendered, not redirected: the secret must not travel in a URL or a flash attribute.
      model.addAttribute(
          "created", tokens.create(authentication.getName(), name.strip(), Duration.ofDays(days)));
      return page(
          model, authentication, new TokenForm("", TokenApiController.DEFAULT_DAYS), Map.of());
    } catch (BadRequestException e) {
      return page(model, authentication, form, e.fieldErrors());
    } catch (ConflictException e) {
      return page(model, authentication, form, Map.of("name", e.getMessage()));
    }
  }

  @PostMapping("/tokens/{id}/revoke")
  String revoke(
      @PathVariable long id,
      Authentication authentication,
      RedirectAttributes redirect,
      Locale locale) {
    ApiToken token = tokens.get(id);
    if (!token.owner().equals(authentication.getName()) && !Tokens.isAdmin(authentication)) {
      throw new NotFoundException("token " + id);
    }
    tokens.revoke(id);
    redirect.addFlashAttribute("notice", messages.getMessage("tokens.revoked", null, locale));
    return "redirect:/tokens";
  }

  private String page(
      Model model, Authentication authentication, TokenForm form, Map<String, String> errors) {
    model.addAttribute(
        "tokens",
        Tokens.isAdmin(authentication)
            ? tokens.listAll()
            : tokens.listFor(authentication.getName()));
    model.addAttribute("now", Instant.now());
    model.addAttribute("form", form);
    model.addAttribute("errors", errors);
    return "tokens";
  }

  /** What was typed into the create form. */
  record TokenForm(String name, int expiresInDays) {}
}
