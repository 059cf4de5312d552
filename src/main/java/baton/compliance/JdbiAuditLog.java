package baton.compliance;

import static java.util.Objects.requireNonNull;

import baton.platform.Json;
import java.io.IOException;
import java.io.Writer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * {@link AuditLog} in plain SQL on PostgreSQL and on H2 in PostgreSQL mode.
 *
 * <p>The chain has one writer at a time, whichever node it runs on: chaining locks the single row of
 * {@code audit_chain_head} with {@code select … for update}, takes seq = last seq + 1 and
 * prev_hash = last hash, inserts the entry and moves the head, all in one transaction. A rolled-back
 * append leaves no trace, so seq stays gapless; the primary key on seq is a second line of defence.
 *
 * <p>Entries recorded inside a domain transaction ({@link #append(Handle, AuditEvent)}) do not take
 * that lock there: held until the domain transaction committed, it made every bot turn and every
 * agent action on every node wait in one line (on PostgreSQL at 300 messages/s most connections
 * were waiting for it). They go to {@code audit_pending} instead, and right after the commit the
 * committing thread chains them: one thread per node at a time runs a pass that chains every
 * pending row in id order in one short transaction, and threads that committed while it ran wait
 * for the next pass rather than each taking the lock (a group commit).
 *
 * <p>Time never runs backwards along the chain: an entry is dated by the injected clock at
 * microsecond precision (what PostgreSQL keeps, and therefore what is hashed), but never before the
 * entry ahead of it, so a node whose clock lags cannot make an honest chain look reordered.
 *
 * <p>Thread-safe and stateless apart from the database.
 */
public final class JdbiAuditLog implements AuditLog {
  static final int PAGE = 500;
  private static final String COLUMNS = "seq, occurred_at, actor, action, subject, details, prev_hash, hash";

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(JdbiAuditLog.class);
  private static final int CHAIN_BATCH = 1000;

  private final Jdbi jdbi;
  private final Clock clock;
  private final GroupCommit chaining = new GroupCommit(this::chainPending);

  public JdbiAuditLog(Jdbi jdbi, Clock clock) {
    this.jdbi = requireNonNull(jdbi, "jdbi");
    this.clock = requireNonNull(clock, "clock");
  }

  @Override
  public AuditEntry append(AuditEvent event) {
    requireNonNull(event, "event");
    // Whatever waits is older than this event: chain it first, under the same lock.
    return jdbi.inTransaction(handle -> {
      Head head = lockHead(handle);
      head = chainPendingIn(handle, head);
      return appendIn(handle, head, clock.instant(), event);
    });
  }

  @Override
  public void append(Handle handle, AuditEvent event) {
    requireNonNull(handle, "handle");
    requireNonNull(event, "event");
    if (!handle.isInTransaction()) {
      // Outside a transaction the entry would not commit with the change it records.
      throw new IllegalStateException("append(handle, event) needs a handle inside a transaction");
    }
    handle.createUpdate("insert into audit_pending (occurred_at, actor, action, subject, details)"
            + " values (:at, :actor, :action, :subject, :details)")
        .bind("at", clock.instant().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC))
        .bind("actor", event.actor())
        .bind("action", event.action())
        .bind("subject", event.subject())
        .bind("details", event.details())
        .execute();
    handle.afterCommit(this::chainAfterCommit);
  }

  private void chainAfterCommit() {
    try {
      chaining.await();
    } catch (RuntimeException e) {
      // The change and its entry are committed; the entry waits in audit_pending for the next pass.
      log.warn("audit entries stay pending until the next append or read chains them", e);
    }
  }

  @Override
  public int chainPending() {
    boolean anyWaiting = jdbi.withHandle(handle -> handle.createQuery("select id from audit_pending limit 1").mapTo(Long.class).findOne())
        .isPresent();
    if (!anyWaiting) {
      return 0;
    }
    return jdbi.inTransaction(handle -> {
      Head head = lockHead(handle);
      return (int) (chainPendingIn(handle, head).seq() - head.seq());
    });
  }

  private Head chainPendingIn(Handle handle, Head head) {
    Head current = head;
    while (true) {
      long before = current.seq();
      current = chainPendingIn(handle, current, CHAIN_BATCH);
      if (current.seq() - before < CHAIN_BATCH) {
        return current;
      }
    }
  }

  /** With the head locked: up to {@code limit} pending rows, oldest first, join the chain and leave the queue. */
  private Head chainPendingIn(Handle handle, Head head, int limit) {
    List<Pending> waiting = handle.createQuery("select id, occurred_at, actor, action, subject, details from audit_pending"
            + " order by id limit :limit")
        .bind("limit", limit)
        .map((rs, ctx) -> new Pending(rs.getLong("id"), rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
            new AuditEvent(rs.getString("actor"), rs.getString("action"), rs.getString("subject"), rs.getString("details"))))
        .list();
    if (waiting.isEmpty()) {
      return head;
    }
    Head current = head;
    var delete = handle.prepareBatch("delete from audit_pending where id = :id");
    for (Pending pending : waiting) {
      AuditEntry entry = insertEntry(handle, current, pending.at(), pending.event());
      current = new Head(entry.seq(), entry.hash(), entry.occurredAt());
      delete.bind("id", pending.id()).add();
    }
    delete.execute();
    moveHead(handle, current);
    return current;
  }

  private static Head lockHead(Handle handle) {
    return handle.createQuery("select last_seq, last_hash, last_at from audit_chain_head where id = 1 for update")
        .map((rs, ctx) -> new Head(rs.getLong("last_seq"), rs.getString("last_hash"), instantOrNull(rs, "last_at")))
        .one();
  }

  private AuditEntry appendIn(Handle handle, Head head, Instant at, AuditEvent event) {
    AuditEntry entry = insertEntry(handle, head, at, event);
    moveHead(handle, new Head(entry.seq(), entry.hash(), entry.occurredAt()));
    return entry;
  }

  private static AuditEntry insertEntry(Handle handle, Head last, Instant at, AuditEvent event) {
    Instant now = at.truncatedTo(ChronoUnit.MICROS);
    Instant occurredAt = last.at() != null && now.isBefore(last.at()) ? last.at() : now;
    long seq = last.seq() + 1;
    String hash = ChainHash.of(seq, occurredAt, event.actor(), event.action(), event.subject(), event.details(), last.hash());
    handle.createUpdate("insert into audit_log (" + COLUMNS + ")"
            + " values (:seq, :at, :actor, :action, :subject, :details, :prevHash, :hash)")
        .bind("seq", seq)
        .bind("at", occurredAt.atOffset(ZoneOffset.UTC))
        .bind("actor", event.actor())
        .bind("action", event.action())
        .bind("subject", event.subject())
        .bind("details", event.details())
        .bind("prevHash", last.hash())
        .bind("hash", hash)
        .execute();
    return new AuditEntry(seq, occurredAt, event.actor(), event.action(), event.subject(), event.details(), last.hash(), hash);
  }

  private static void moveHead(Handle handle, Head head) {
    handle.createUpdate("update audit_chain_head set last_seq = :seq, last_hash = :hash, last_at = :at where id = 1")
        .bind("seq", head.seq())
        .bind("hash", head.hash())
        .bind("at", head.at().atOffset(ZoneOffset.UTC))
        .execute();
  }

  @Override
  public List<AuditEntry> page(long afterSeq, int limit) {
    if (limit < 1 || limit > 1000) {
      throw new IllegalArgumentException("limit must be 1-1000, not " + limit);
    }
    chainPending();
    return range(afterSeq, Long.MAX_VALUE, limit);
  }

  private List<AuditEntry> range(long afterSeq, long throughSeq, int limit) {
    return jdbi.withHandle(handle -> handle.createQuery(
            "select " + COLUMNS + " from audit_log where seq > :after and seq <= :through order by seq limit :limit")
        .bind("after", afterSeq)
        .bind("through", throughSeq)
        .bind("limit", limit)
        .map((rs, ctx) -> entry(rs))
        .list());
  }

  @Override
  public ChainHead head() {
    chainPending();
    return recordedHead();
  }

  private ChainHead recordedHead() {
    return jdbi.withHandle(handle -> handle.createQuery("select last_seq, last_hash from audit_chain_head where id = 1")
        .map((rs, ctx) -> new ChainHead(rs.getLong("last_seq"), rs.getString("last_hash")))
        .one());
  }

  @Override
  public Verification verify() {
    return verifyThrough(Optional.empty());
  }

  @Override
  public Verification verify(ChainHead expectedHead) {
    requireNonNull(expectedHead, "expectedHead");
    return verifyThrough(Optional.of(expectedHead));
  }

  /**
   * A purge committed during the walk deletes rows the walk expected to start from; then the walk is
   * repeated once from the new checkpoint rather than reporting them missing.
   */
  private Verification verifyThrough(Optional<ChainHead> expectedHead) {
    chainPending();
    Checkpoint before = recordedCheckpoint();
    Verification verification = walk(before, expectedHead);
    if (!verification.intact() && !recordedCheckpoint().equals(before)) {
      verification = walk(recordedCheckpoint(), expectedHead);
    }
    return verification;
  }

  /**
   * Reads the recorded head before walking, so appends committed during the walk only add entries
   * after it and cannot make an intact chain look cut short.
   */
  private Verification walk(Checkpoint checkpoint, Optional<ChainHead> expectedHead) {
    List<ChainWalk.Anchor> anchors = new ArrayList<>();
    anchors.add(new ChainWalk.Anchor("the head recorded in audit_chain_head", recordedHead()));
    expectedHead.ifPresent(expected -> anchors.add(new ChainWalk.Anchor("the expected head " + expected, expected)));
    var walk = new ChainWalk(anchors, checkpoint.head(), checkpoint.at());
    long after = checkpoint.head().seq();
    while (!walk.broken()) {
      List<AuditEntry> page = range(after, Long.MAX_VALUE, PAGE);
      for (AuditEntry entry : page) {
        if (!walk.accept(entry)) {
          break;
        }
      }
      if (page.size() < PAGE) {
        break;
      }
      after = page.get(page.size() - 1).seq();
    }
    return walk.finish(recordedHead());
  }

  @Override
  public ChainHead checkpoint() {
    return recordedCheckpoint().head();
  }

  private Checkpoint recordedCheckpoint() {
    return jdbi.withHandle(handle -> handle.createQuery("select purged_seq, purged_hash, purged_at from audit_chain_head where id = 1")
        .map((rs, ctx) -> new Checkpoint(new ChainHead(rs.getLong("purged_seq"), rs.getString("purged_hash")),
            Optional.ofNullable(instantOrNull(rs, "purged_at"))))
        .one());
  }

  @Override
  public Purged purgeBefore(Handle handle, Instant before) {
    requireNonNull(handle, "handle");
    requireNonNull(before, "before");
    if (!handle.isInTransaction()) {
      // The purge and the entry that names its checkpoint must commit together, or verify fails.
      throw new IllegalStateException("purgeBefore needs a handle inside a transaction");
    }
    Checkpoint current = handle.createQuery("select purged_seq, purged_hash, purged_at from audit_chain_head where id = 1 for update")
        .map((rs, ctx) -> new Checkpoint(new ChainHead(rs.getLong("purged_seq"), rs.getString("purged_hash")),
            Optional.ofNullable(instantOrNull(rs, "purged_at"))))
        .one();
    Optional<AuditEntry> last = handle.createQuery("select " + COLUMNS + " from audit_log where occurred_at < :before"
            + " order by seq desc limit 1")
        .bind("before", before.atOffset(ZoneOffset.UTC))
        .map((rs, ctx) -> entry(rs))
        .findOne();
    if (last.isEmpty() || last.get().seq() <= current.head().seq()) {
      return new Purged(0, current.head());
    }
    AuditEntry through = last.get();
    int deleted = handle.createUpdate("delete from audit_log where seq <= :through").bind("through", through.seq()).execute();
    handle.createUpdate("update audit_chain_head set purged_seq = :seq, purged_hash = :hash, purged_at = :at where id = 1")
        .bind("seq", through.seq())
        .bind("hash", through.hash())
        .bind("at", through.occurredAt().atOffset(ZoneOffset.UTC))
        .execute();
    return new Purged(deleted, through.asHead());
  }

  @Override
  public void exportJsonl(Writer out) throws IOException {
    exportJsonl(out, 0, Long.MAX_VALUE);
  }

  @Override
  public void exportJsonl(Writer out, long afterSeq, long throughSeq) throws IOException {
    requireNonNull(out, "out");
    chainPending();
    long after = afterSeq;
    while (true) {
      List<AuditEntry> page = range(after, throughSeq, PAGE);
      for (AuditEntry entry : page) {
        out.write(jsonLine(entry));
        out.write('\n');
      }
      if (page.size() < PAGE) {
        break;
      }
      after = page.get(page.size() - 1).seq();
    }
    out.flush();
  }

  /** Details stay a string, byte for byte as hashed, so anyone can recompute the hash from the export. */
  static String jsonLine(AuditEntry entry) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("seq", entry.seq());
    line.put("occurred_at", ChainHash.time(entry.occurredAt()));
    line.put("actor", entry.actor());
    line.put("action", entry.action());
    line.put("subject", entry.subject());
    line.put("details", entry.details());
    line.put("prev_hash", entry.prevHash());
    line.put("hash", entry.hash());
    return Json.write(line);
  }

  private static AuditEntry entry(ResultSet rs) throws SQLException {
    return new AuditEntry(rs.getLong("seq"), rs.getObject("occurred_at", OffsetDateTime.class).toInstant(), rs.getString("actor"),
        rs.getString("action"), rs.getString("subject"), rs.getString("details"), rs.getString("prev_hash"), rs.getString("hash"));
  }

  private static Instant instantOrNull(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private record Head(long seq, String hash, Instant at) {}

  private record Pending(long id, Instant at, AuditEvent event) {}

  private record Checkpoint(ChainHead head, Optional<Instant> at) {}
}
