package io.ferry.platform.apply;

import io.ferry.platform.PlatformException;
import io.ferry.platform.revision.Revision;
import java.util.Optional;

/** An apply failed; says what failed, what was put back, and which revision recorded it. */
public final class ApplyFailedException extends PlatformException {

  private static final long serialVersionUID = 1L;

  private final transient Optional<Revision> revision;

  ApplyFailedException(String message, Optional<Revision> revision, Throwable cause) {
    super(message, cause);
    this.revision = revision;
  }

  /** The failed (or rolled-back) revision recorded, when recording worked. */
  public Optional<Revision> revision() {
    return revision;
  }
}
