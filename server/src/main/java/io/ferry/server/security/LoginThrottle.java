package io.ferry.server.security;

import io.ferry.server.audit.AuditResult;
import io.ferry.server.audit.AuditService;
import io.ferry.server.user.UserRepository;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.stereotype.Component;

/**
 * Slows down repeated failed logins and then locks the account for a while; audits and counts every
 * login.
 *
 * <p>Each failure in a row waits twice as long before answering (from {@link #BASE_DELAY} up to
 * {@link #MAX_DELAY}); after {@link #MAX_FAILURES} the user is locked for {@link #LOCK_FOR}. The
 * count is kept in the database, so a restart does not reset it.
 */
@Component
class LoginThrottle {

  static final int MAX_FAILURES = 5;
  static final Duration LOCK_FOR = Duration.ofMinutes(15);
  static final Duration BASE_DELAY = Duration.ofMillis(200);
  static final Duration MAX_DELAY = Duration.ofSeconds(3);

  private final UserRepository users;
  private final AuditService audit;
  private final MeterRegistry meters;
  private final Clock clock = Clock.systemUTC();

  LoginThrottle(UserRepository users, AuditService audit, MeterRegistry meters) {
    this.users = users;
    this.audit = audit;
    this.meters = meters;
  }

  @EventListener
  void onBadCredentials(AuthenticationFailureBadCredentialsEvent event)
      throws InterruptedException {
    String username = name(event.getAuthentication().getName());
    int failures = users.recordFailedLogin(username);
    String detail = "bad credentials";
    if (failures >= MAX_FAILURES) {
      Instant until = clock.instant().plus(LOCK_FOR);
      users.lockUntil(username, until);
      detail = "bad credentials; " + failures + " in a row, locked until " + until;
    } else if (failures > 0) {
      detail = "bad credentials; " + failures + " in a row";
    }
    count("failure");
    audit.recordAs(username, "login", "user:" + username, AuditResult.FAILURE, detail);
    Thread.sleep(delay(Math.max(failures, 1)).toMillis());
  }

  @EventListener
  void onOtherFailure(AbstractAuthenticationFailureEvent event) {
    if (event instanceof AuthenticationFailureBadCredentialsEvent) {
      return;
    }
    String username = name(event.getAuthentication().getName());
    count("refused");
    audit.recordAs(
        username,
        "login",
        "user:" + username,
        AuditResult.DENIED,
        event.getException().getMessage());
  }

  @EventListener
  void onSuccess(AuthenticationSuccessEvent event) {
    users.recordSuccessfulLogin(event.getAuthentication().getName());
  }

  @EventListener
  void onInteractiveLogin(InteractiveAuthenticationSuccessEvent event) {
    String username = event.getAuthentication().getName();
    count("success");
    audit.recordAs(username, "login", "user:" + username, AuditResult.SUCCESS, null);
  }

  @EventListener
  void onLogout(LogoutSuccessEvent event) {
    String username = event.getAuthentication().getName();
    audit.recordAs(username, "logout", "user:" + username, AuditResult.SUCCESS, null);
  }

  static Duration delay(int failures) {
    long factor = 1L << Math.min(failures - 1, 16);
    Duration delay = BASE_DELAY.multipliedBy(factor);
    return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
  }

  private void count(String result) {
    meters.counter("ferry.logins", "result", result).increment();
  }

  private static String name(String attempted) {
    String name = attempted == null || attempted.isBlank() ? "(empty)" : attempted.strip();
    return name.length() > 64 ? name.substring(0, 64) : name;
  }
}
