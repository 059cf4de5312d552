package baton.compliance;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One link of the audit chain as stored: the event, its place ({@code seq}, gapless from 1), when it
 * was written (microsecond precision, never earlier than the entry before) and the two hashes that
 * chain it. {@code hash} is the hex SHA-256 of the canonical form of every other field
 * (docs/audit-log.md); {@code prevHash} is the previous entry's {@code hash}, or 64 zeros for seq 1.
 */
public record AuditEntry(long seq, Instant occurredAt, String actor, String action, String subject, String details,
    String prevHash, String hash) {
  public AuditEntry {
    requireNonNull(occurredAt, "occurredAt");
    requireNonNull(actor, "actor");
    requireNonNull(action, "action");
    requireNonNull(subject, "subject");
    requireNonNull(details, "details");
    requireNonNull(prevHash, "prevHash");
    requireNonNull(hash, "hash");
  }

  /** The hash these fields should have; differs from {@link #hash()} when the entry was altered. */
  public String recomputedHash() {
    return ChainHash.of(seq, occurredAt, actor, action, subject, details, prevHash);
  }

  /** Where this entry leaves the chain, as an anchor to write down. */
  public ChainHead asHead() {
    return new ChainHead(seq, hash);
  }
}
