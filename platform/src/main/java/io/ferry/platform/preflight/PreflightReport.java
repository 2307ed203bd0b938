package io.ferry.platform.preflight;

import java.util.List;

/** Every preflight finding, in the order checked. */
public record PreflightReport(List<Finding> findings) {

  public PreflightReport {
    findings = List.copyOf(findings);
  }

  /** The problems only. */
  public List<Finding> problems() {
    return findings.stream().filter(f -> f.level() == Finding.Level.PROBLEM).toList();
  }

  /** True when nothing is a problem (findings not checked do not count as problems). */
  public boolean passed() {
    return problems().isEmpty();
  }
}
