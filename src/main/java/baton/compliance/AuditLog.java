package baton.compliance;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * The append-only audit log: a record of who did what to which conversation that can be shown to be
 * complete and unedited. Entries are numbered 1, 2, 3 … without gaps and each carries the SHA-256 of
 * its fields and of the entry before, so changing, removing or reordering any stored row is found by
 * {@link #verify()} at that row. There is deliberately no way to update an entry, and only one way to
 * delete any: {@link #purgeBefore(Handle, Instant)}, which removes the oldest entries under the
 * retention policy and leaves a checkpoint that verification starts from (docs/audit-log.md).
 *
 * <p>What the chain does not do: someone who can write to the database can recompute every hash from
 * the first changed row on, and the rewritten chain verifies. Against that, write down the head
 * ({@link #head()}, {@code baton audit head}) somewhere they cannot reach, and pass it to
 * {@link #verify(ChainHead)}. See docs/audit-log.md.
 *
 * <p>Customers appear only as pseudonyms ({@link CustomerPseudonyms}); see {@link AuditEvent}.
 */
public interface AuditLog {
  /** The action of the entry that records a retention purge; see {@link #purgeBefore(Handle, Instant)}. */
  String PURGE_ACTION = "retention_purge";
  /** The key, in a {@link #PURGE_ACTION} entry's details, of the checkpoint the purge left, as {@code SEQ:HASH}. */
  String CHECKPOINT_DETAIL = "auditCheckpoint";

  /** Appends in a transaction of its own and returns the stored entry. */
  AuditEntry append(AuditEvent event);

  /**
   * Records an entry inside the caller's open transaction, so it commits or rolls back with the change
   * it records. It takes no lock other transactions wait for: the entry is queued in that transaction
   * and joins the chain right after it commits (before this thread goes on), together with whatever
   * other transactions queued meanwhile. An entry whose node died between commit and chaining is
   * chained by the next append or read on any node.
   *
   * @throws IllegalStateException when {@code handle} is not in a transaction
   */
  void append(Handle handle, AuditEvent event);

  /** Chains every entry still queued by {@link #append(Handle, AuditEvent)}; returns how many. Reads do this first. */
  int chainPending();

  /** Up to {@code limit} (1-1000) entries with seq above {@code afterSeq}, in seq order. */
  List<AuditEntry> page(long afterSeq, int limit);

  /** The last entry's seq and hash as the database records them; seq 0 for the empty log. */
  ChainHead head();

  /**
   * Walks the whole chain in pages and recomputes every hash. Finds edited, deleted (also from the
   * end, through the recorded head) and reordered rows, unless the whole chain was rewritten.
   */
  Verification verify();

  /** As {@link #verify()}, and the chain must still pass through {@code expectedHead} written down earlier. */
  Verification verify(ChainHead expectedHead);

  /**
   * Where the chain starts: the seq and hash of the last entry removed by a purge ({@link ChainHead#empty()}
   * when none ever was). Verification takes this entry's place as the link before the first stored one.
   */
  ChainHead checkpoint();

  /**
   * Deletes every entry written before {@code before} (a prefix of the chain, since time never runs
   * backwards along it) and makes the last one deleted the {@link #checkpoint()}. In the same transaction
   * the caller must then append a {@link #PURGE_ACTION} entry whose details name the new checkpoint under
   * {@link #CHECKPOINT_DETAIL}: verification fails on a checkpoint no such entry names, which is what
   * tells a purge apart from rows deleted behind the chain's back. Locks the chain head like an append.
   *
   * @return how many entries were deleted and the checkpoint now in force
   * @throws IllegalStateException when {@code handle} is not in a transaction
   */
  Purged purgeBefore(Handle handle, Instant before);

  /** What {@link #purgeBefore(Handle, Instant)} did. */
  record Purged(long entries, ChainHead checkpoint) {}

  /** Every entry as JSON Lines, one object per entry in seq order (fields in docs/audit-log.md). */
  void exportJsonl(Writer out) throws IOException;

  /** The entries with {@code afterSeq < seq <= throughSeq} as JSON Lines. */
  void exportJsonl(Writer out, long afterSeq, long throughSeq) throws IOException;
}
