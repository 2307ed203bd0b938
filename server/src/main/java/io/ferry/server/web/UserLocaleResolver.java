package io.ferry.server.web;

import io.ferry.server.user.User;
import io.ferry.server.user.UserRepository;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The console's language: the one the logged-in user chose, else the browser's {@code
 * Accept-Language} among English and Simplified Chinese, else English.
 */
class UserLocaleResolver implements LocaleResolver {

  static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE);
  private static final String ATTRIBUTE = UserLocaleResolver.class.getName() + ".locale";
  private final UserRepository users;

  UserLocaleResolver(UserRepository users) {
    this.users = users;
  }

  @Override
  public Locale resolveLocale(HttpServletRequest request) {
    if (request.getAttribute(ATTRIBUTE) instanceof Locale cached) {
      return cached;
    }
    Locale locale = chosen();
    if (locale == null) {
      locale = fromBrowser(request.getHeader("Accept-Language"));
    }
    request.setAttribute(ATTRIBUTE, locale);
    return locale;
  }

  @Override
  public void setLocale(
      HttpServletRequest request, @Nullable HttpServletResponse response, @Nullable Locale locale) {
    // The choice is stored with the user (UserService.setLocale); only this request changes here.
    request.setAttribute(ATTRIBUTE, locale == null ? Locale.ENGLISH : locale);
  }

  private @Nullable Locale chosen() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication == null
        || authentication instanceof AnonymousAuthenticationToken
        || !authentication.isAuthenticated()) {
      return null;
    }
    return users
        .find(authentication.getName())
        .map(User::locale)
        .map(Locale::forLanguageTag)
        .orElse(null);
  }

  static Locale fromBrowser(@Nullable String acceptLanguage) {
    if (acceptLanguage == null || acceptLanguage.isBlank()) {
      return Locale.ENGLISH;
    }
    try {
      List<Locale.LanguageRange> ranges = Locale.LanguageRange.parse(acceptLanguage);
      for (Locale.LanguageRange range : ranges) {
        String tag = range.getRange().toLowerCase(Locale.ROOT);
        if (tag.startsWith("zh")) {
          // Traditional Chinese readers still read Simplified far better than English.
          return Locale.SIMPLIFIED_CHINESE;
        }
        if (tag.startsWith("en") || tag.equals("*")) {
          return Locale.ENGLISH;
        }
      }
    } catch (IllegalArgumentException e) {
      return Locale.ENGLISH;
    }
    return Locale.ENGLISH;
  }
}
