package baton.compliance;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;

/**
 * Deletes what the retention policy says has expired, then records the run in the audit log with the
 * rows deleted per section. Run by the server on a schedule and by {@code baton retention purge}.
 *
 * <p>Each feature purges in a transaction of its own ({@link PersonalData#purge}); the audit log's own
 * purge and the {@code retention_purge} entry that names its new checkpoint come last, together, in one
 * short transaction, because that entry holds the chain head lock every other append waits for. If the
 * server stops between the two, the deleted rows stay deleted and the next run records its own counts.
 * Deletes are idempotent, so two nodes purging at once only share the work.
 *
 * <p>Thread-safe; stateless apart from the database.
 */
public final class RetentionPurge {
  private final Jdbi jdbi;
  private final List<PersonalData> holders;
  private final AuditLog audit;
  private final Supplier<RetentionPolicy> policy;
  private final Clock clock;

  /** @param policy read at every run, so a spec edit applies to the next purge */
  public RetentionPurge(Jdbi jdbi, List<PersonalData> holders, AuditLog audit, Supplier<RetentionPolicy> policy, Clock clock) {
    this.jdbi = requireNonNull(jdbi, "jdbi");
    this.holders = List.copyOf(holders);
    this.audit = requireNonNull(audit, "audit");
    this.policy = requireNonNull(policy, "policy");
    this.clock = requireNonNull(clock, "clock");
  }

  /** What one run deleted, per section, and where the audit chain now starts. */
  public record Report(Map<String, Long> deleted, ChainHead auditCheckpoint) {
    public Report {
      deleted = Map.copyOf(deleted);
      requireNonNull(auditCheckpoint, "auditCheckpoint");
    }

    public long total() {
      return deleted.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /**
   * Purges once, now.
   *
   * @param actor who started it, as an audit actor: {@code system} for the schedule, {@code agent:<id>} for an admin
   */
  public Report run(String actor) {
    requireNonNull(actor, "actor");
    RetentionPolicy current = policy.get();
    Instant now = clock.instant();
    Map<String, Long> deleted = new TreeMap<>();
    for (PersonalData holder : holders) {
      jdbi.useTransaction(handle -> holder.purge(handle, current, now)
          .forEach((section, rows) -> deleted.merge(section, rows.longValue(), Long::sum)));
    }
    return jdbi.inTransaction(handle -> {
      // Even with the audit log kept for good, the checkpoint is read under the head lock, so a purge
      // on another node cannot move it between reading it and naming it.
      AuditLog.Purged purged = audit.purgeBefore(handle, RetentionPolicy.cutoff(current.audit(), now).orElse(Instant.EPOCH));
      ChainHead checkpoint = purged.checkpoint();
      deleted.put("audit", purged.entries());
      Map<String, Object> details = new TreeMap<>(deleted);
      details.put(AuditLog.CHECKPOINT_DETAIL, checkpoint.toString());
      audit.append(handle, AuditEvent.of(actor, AuditLog.PURGE_ACTION, "retention", details));
      return new Report(deleted, checkpoint);
    });
  }
}
