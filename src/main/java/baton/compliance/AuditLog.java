package baton.compliance;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * The append-only audit log: a record of who did what to which conversation that can be shown to be
 * complete and unedited. Entries are numbered 1, 2, 3 … without gaps and each carries the SHA-256 of
 * its fields and of the entry before, so changing, removing or reordering any stored row is found by
 * {@link #verify()} at that row. There is deliberately no way to update or delete an entry.
 *
 * <p>What the chain does not do: someone who can write to the database can recompute every hash from
 * the first changed row on, and the rewritten chain verifies. Against that, write down the head
 * ({@link #head()}, {@code baton audit head}) somewhere they cannot reach, and pass it to
 * {@link #verify(ChainHead)}. See docs/audit-log.md.
 *
 * <p>Customers appear only as pseudonyms ({@link CustomerPseudonyms}); see {@link AuditEvent}.
 */
public interface AuditLog {
  /** Appends in a transaction of its own and returns the stored entry. */
  AuditEntry append(AuditEvent event);

  /**
   * Appends inside the caller's open transaction, so the entry commits or rolls back with the change
   * it records. The append locks the chain head until that transaction ends, so every other append
   * (on any node) waits for it: append last, just before commit, and keep the transaction short.
   *
   * @throws IllegalStateException when {@code handle} is not in a transaction
   */
  AuditEntry append(Handle handle, AuditEvent event);

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

  /** Every entry as JSON Lines, one object per entry in seq order (fields in docs/audit-log.md). */
  void exportJsonl(Writer out) throws IOException;

  /** The entries with {@code afterSeq < seq <= throughSeq} as JSON Lines. */
  void exportJsonl(Writer out, long afterSeq, long throughSeq) throws IOException;
}
