package io.ferry.server.user;

import io.ferry.server.audit.AuditResult;
import io.ferry.server.audit.AuditService;
import io.ferry.server.web.BadRequestException;
import io.ferry.server.web.ConflictException;
import io.ferry.server.web.NotFoundException;
import io.ferry.server.web.ResultPage;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates and changes users; every change is audited, refused ones too. */
@Service
public class UserService {

  /** Login names: lower-case letters, digits, dot, dash, underscore; starting with a letter. */
  public static final Pattern USERNAME = Pattern.compile("[a-z][a-z0-9._-]{1,63}");

  /** The console languages a user can choose. */
  public static final Set<String> LOCALES = Set.of("en", "zh-CN");

  private final UserRepository users;
  private final PasswordEncoder passwords;
  private final AuditService audit;
  private final Clock clock = Clock.systemUTC();

  UserService(UserRepository users, PasswordEncoder passwords, AuditService audit) {
    this.users = users;
    this.passwords = passwords;
    this.audit = audit;
  }

  /** One page of users, optionally those whose name contains {@code query}. */
  @Transactional(readOnly = true)
  public ResultPage<User> list(@Nullable String query, ResultPage.PageRequest page) {
    return users.list(query == null || query.isBlank() ? null : query.strip(), page);
  }

  /** How many users exist. */
  @Transactional(readOnly = true)
  public long count() {
    return users.count();
  }

  /** The user with this login name. */
  @Transactional(readOnly = true)
  public User get(String username) {
    return users.find(username).orElseThrow(() -> new NotFoundException("user '" + username + "'"));
  }

  /** Creates a user who must choose a new password at the first login. */
  @Transactional
  public User create(String username, String displayName, Role role, String initialPassword) {
    Map<String, String> problems = new LinkedHashMap<>();
    if (!USERNAME.matcher(username).matches()) {
      problems.put(
          "username",
          "username was '"
              + username
              + "' but it must be 2–64 lower-case letters, digits, '.', '-' or '_', starting with"
              + " a letter");
    }
    checkDisplayName(displayName, problems);
    PasswordPolicy.problem(username, initialPassword).ifPresent(p -> problems.put("password", p));
    String target = "user:" + username;
    if (!problems.isEmpty()) {
      audit.record(
          "user.create", target, AuditResult.FAILURE, String.join("; ", problems.values()));
      throw new BadRequestException(problems);
    }
    if (users.find(username).isPresent()) {
      audit.record("user.create", target, AuditResult.FAILURE, "the user exists already");
      throw new ConflictException("user '" + username + "' exists already");
    }
    users.insert(
        username,
        displayName.strip(),
        passwords.encode(initialPassword),
        role,
        true,
        clock.instant());
    audit.record("user.create", target, AuditResult.SUCCESS, "role " + role.id());
    return get(username);
  }

  /** Creates the first admin when the console starts on an empty database. */
  @Transactional
  public boolean createFirstAdmin(String password, boolean mustChange) {
    if (users.count() > 0) {
      return false;
    }
    users.insert(
        "admin",
        "Administrator",
        passwords.encode(password),
        Role.ADMIN,
        mustChange,
        clock.instant());
    audit.recordAs("console", "user.create", "user:admin", AuditResult.SUCCESS, "first admin");
    return true;
  }

  /** Changes a user's display name, role or enabled flag; fields left null stay as they are. */
  @Transactional
  public User update(
      String username,
      @Nullable String displayName,
      @Nullable Role role,
      @Nullable Boolean enabled,
      String actingUser) {
    User user = get(username);
    Map<String, String> problems = new LinkedHashMap<>();
    if (displayName != null) {
      checkDisplayName(displayName, problems);
    }
    boolean demotesSelf = username.equals(actingUser) && role != null && role != Role.ADMIN;
    boolean disablesSelf = username.equals(actingUser) && Boolean.FALSE.equals(enabled);
    if (demotesSelf || disablesSelf) {
      problems.put(
          demotesSelf ? "role" : "enabled",
          "an admin cannot demote or disable themselves (ask another admin)");
    }
    String target = "user:" + username;
    if (!problems.isEmpty()) {
      audit.record(
          "user.update", target, AuditResult.FAILURE, String.join("; ", problems.values()));
      throw new BadRequestException(problems);
    }
    User updated =
        new User(
            user.id(),
            user.username(),
            displayName == null ? user.displayName() : displayName.strip(),
            role == null ? user.role() : role,
            enabled == null ? user.enabled() : enabled,
            user.mustChangePassword(),
            user.locale(),
            user.lockedUntil(),
            user.createdAt());
    users.update(
        username, updated.displayName(), updated.role(), updated.enabled(), clock.instant());
    audit.record("user.update", target, AuditResult.SUCCESS, changes(user, updated));
    return get(username);
  }

  /** An admin sets a new password for a user, who must change it at the next login. */
  @Transactional
  public void resetPassword(String username, String newPassword) {
    get(username);
    String target = "user:" + username;
    PasswordPolicy.problem(username, newPassword)
        .ifPresent(
            p -> {
              audit.record("user.password.reset", target, AuditResult.FAILURE, p);
              throw new BadRequestException("password", p);
            });
    users.setPassword(username, passwords.encode(newPassword), true, clock.instant());
    audit.record("user.password.reset", target, AuditResult.SUCCESS, null);
  }

  /** A user changes their own password, proving the current one. */
  @Transactional
  public void changeOwnPassword(String username, String currentPassword, String newPassword) {
    String target = "user:" + username;
    String hash = users.passwordHash(username).orElseThrow();
    Map<String, String> problems = new LinkedHashMap<>();
    if (!passwords.matches(currentPassword, hash)) {
      problems.put("currentPassword", "the current password is not right");
    }
    PasswordPolicy.problem(username, newPassword).ifPresent(p -> problems.put("newPassword", p));
    if (problems.isEmpty() && currentPassword.equals(newPassword)) {
      problems.put("newPassword", "the new password must differ from the current one");
    }
    if (!problems.isEmpty()) {
      audit.record(
          "user.password.change",
          target,
          AuditResult.FAILURE,
          String.join("; ", problems.values()));
      throw new BadRequestException(problems);
    }
    users.setPassword(username, passwords.encode(newPassword), false, clock.instant());
    audit.record("user.password.change", target, AuditResult.SUCCESS, null);
  }

  /** A user chooses the console language, or null to follow the browser. */
  @Transactional
  public void setLocale(String username, @Nullable String locale) {
    if (locale != null && !LOCALES.contains(locale)) {
      throw new BadRequestException(
          "locale", "locale was '" + locale + "' but it must be one of " + LOCALES);
    }
    users.setLocale(username, locale, clock.instant());
    audit.record("user.locale", "user:" + username, AuditResult.SUCCESS, String.valueOf(locale));
  }

  private static void checkDisplayName(String displayName, Map<String, String> problems) {
    if (displayName.isBlank() || displayName.length() > 128) {
      problems.put("displayName", "displayName must have 1 to 128 characters");
    }
  }

  private static String changes(User before, User after) {
    StringBuilder text = new StringBuilder();
    if (before.role() != after.role()) {
      text.append("role ")
          .append(before.role().id())
          .append("→")
          .append(after.role().id())
          .append(' ');
    }
    if (before.enabled() != after.enabled()) {
      text.append(after.enabled() ? "enabled " : "disabled ");
    }
    if (!before.displayName().equals(after.displayName())) {
      text.append("display name changed");
    }
    return text.toString().strip();
  }
}
