package io.ferry.server.audit;

/** How an audited action ended. */
public enum AuditResult {
  SUCCESS,
  FAILURE,
  DENIED;

  /** The lower-case name stored and shown. */
  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
