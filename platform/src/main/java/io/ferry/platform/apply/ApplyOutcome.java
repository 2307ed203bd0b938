package io.ferry.platform.apply;

import io.ferry.platform.cluster.ObjectKey;
import io.ferry.platform.diff.ObjectDiff;
import io.ferry.platform.revision.Revision;
import java.util.List;
import java.util.Optional;

/**
 * What an apply did.
 *
 * @param revision the revision recorded; empty under dry run
 * @param diffs under dry run, what each object would change; else empty
 * @param pruned the objects pruned, or under dry run those that would be
 */
public record ApplyOutcome(
    Optional<Revision> revision, List<ObjectDiff> diffs, List<ObjectKey> pruned) {}
