package baton.compliance;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks entries handed to it in seq order and remembers the first break. Each entry must follow the
 * last one checked: the next seq, linked to its hash, no earlier in time, and hashing to what it
 * says. At the end, the chain must pass through every anchor: the head the database records, and a
 * head written down elsewhere if one was given.
 *
 * <p>After a retention purge the walk starts from the checkpoint (the last purged entry) instead of
 * seq 0, and the last {@code retention_purge} entry in the chain must name that checkpoint: that is
 * what tells a recorded purge from rows deleted at the start by hand. Anchors older than the
 * checkpoint have nothing left to be compared with and are skipped. Not thread-safe: one walk, one
 * thread.
 */
final class ChainWalk {
  /** A head the chain must reach, and whose it is, for the message. */
  record Anchor(String whose, ChainHead head) {}

  private final List<Anchor> anchors;
  private final ChainHead checkpoint;
  private Optional<String> checkpointNamed = Optional.empty();
  private final Map<Long, String> hashesAtAnchors = new HashMap<>();
  private long checked;
  private long lastSeq;
  private String lastHash = ChainHash.GENESIS;
  private Instant lastAt;
  private Optional<Verification.Break> firstBreak = Optional.empty();

  /** A walk of a chain never purged. */
  ChainWalk(List<Anchor> anchors) {
    this(anchors, ChainHead.empty(), Optional.empty());
  }

  /**
   * A walk that starts after {@code checkpoint}, the last entry a retention purge removed: its hash is
   * the link the first stored entry must carry, and its time the earliest the next may have.
   */
  ChainWalk(List<Anchor> anchors, ChainHead checkpoint, Optional<Instant> checkpointAt) {
    this.anchors = List.copyOf(anchors);
    this.checkpoint = checkpoint;
    this.lastSeq = checkpoint.seq();
    this.lastHash = checkpoint.hash();
    this.lastAt = checkpointAt.orElse(null);
    hashesAtAnchors.put(checkpoint.seq(), checkpoint.hash());
  }

  boolean broken() {
    return firstBreak.isPresent();
  }

  /** Checks the next entry; returns false once the chain is broken (later entries prove nothing). */
  boolean accept(AuditEntry entry) {
    if (broken()) {
      return false;
    }
    long expected = lastSeq + 1;
    if (entry.seq() < expected) {
      return fail(entry.seq(), Verification.Reason.OUT_OF_ORDER, "seq " + entry.seq() + " follows seq " + lastSeq);
    }
    if (entry.seq() > expected) {
      return fail(expected, Verification.Reason.MISSING,
          "no entry with seq " + expected + "; the next one present is seq " + entry.seq());
    }
    if (!entry.prevHash().equals(lastHash)) {
      return fail(entry.seq(), Verification.Reason.BROKEN_LINK,
          "prev_hash " + entry.prevHash() + " is not the hash of seq " + lastSeq + " (" + lastHash + ")");
    }
    String recomputed = entry.recomputedHash();
    if (!recomputed.equals(entry.hash())) {
      return fail(entry.seq(), Verification.Reason.ALTERED,
          "stored hash " + entry.hash() + " but its fields hash to " + recomputed);
    }
    if (lastAt != null && entry.occurredAt().isBefore(lastAt)) {
      return fail(entry.seq(), Verification.Reason.OUT_OF_ORDER,
          "occurred at " + ChainHash.time(entry.occurredAt()) + ", before seq " + lastSeq + " at " + ChainHash.time(lastAt));
    }
    if (anchors.stream().anyMatch(anchor -> anchor.head().seq() == entry.seq())) {
      hashesAtAnchors.put(entry.seq(), entry.hash());
    }
    if (entry.action().equals(AuditLog.PURGE_ACTION)) {
      namedCheckpoint(entry).ifPresent(named -> checkpointNamed = Optional.of(named));
    }
    checked++;
    lastSeq = entry.seq();
    lastHash = entry.hash();
    lastAt = entry.occurredAt();
    return true;
  }

  /**
   * Ends the walk: the chain must reach every anchor with the anchor's hash, and go no further than
   * {@code recordedAfterWalk}, the head the database records once the walk is done (appends during the
   * walk move it on; a row slipped in without moving it does not).
   */
  Verification finish(ChainHead recordedAfterWalk) {
    if (!broken() && lastSeq > recordedAfterWalk.seq()) {
      fail(recordedAfterWalk.seq() + 1, Verification.Reason.HEAD_MISMATCH, "the chain goes on to seq " + lastSeq
          + " but the head recorded in audit_chain_head is at seq " + recordedAfterWalk.seq() + ": entries were added behind the chain's back");
    }
    if (!broken() && checkpoint.seq() > 0 && !checkpointNamed.equals(Optional.of(checkpoint.toString()))) {
      fail(checkpoint.seq() + 1, Verification.Reason.UNRECORDED_PURGE, "the chain starts after checkpoint " + checkpoint
          + " but the last " + AuditLog.PURGE_ACTION + " entry names " + checkpointNamed.orElse("no checkpoint")
          + ": entries were deleted from the start without a recorded purge");
    }
    for (Anchor anchor : anchors) {
      ChainHead head = anchor.head();
      if (broken() || head.seq() == 0) {
        break;
      }
      if (head.seq() < checkpoint.seq()) {
        continue; // purged under the retention policy: nothing left to compare it with
      }
      if (lastSeq < head.seq()) {
        fail(lastSeq + 1, Verification.Reason.MISSING, "the chain ends at seq " + lastSeq + " but " + anchor.whose()
            + " is at seq " + head.seq() + ": entries were removed from the end");
      } else if (!head.hash().equals(hashesAtAnchors.get(head.seq()))) {
        fail(head.seq(), Verification.Reason.HEAD_MISMATCH, anchor.whose() + " has hash " + head.hash() + " at seq " + head.seq()
            + " but the chain has " + hashesAtAnchors.get(head.seq()) + ": the chain was rewritten");
      }
    }
    return result();
  }

  /** The checkpoint a purge entry names, if its details hold one. */
  private static Optional<String> namedCheckpoint(AuditEntry entry) {
    try {
      var node = baton.platform.Json.readTree(entry.details()).path(AuditLog.CHECKPOINT_DETAIL);
      return node.isTextual() ? Optional.of(node.asText()) : Optional.empty();
    } catch (java.io.UncheckedIOException e) {
      return Optional.empty();
    }
  }

  private Verification result() {
    return new Verification(checked, lastSeq == 0 ? ChainHead.empty() : new ChainHead(lastSeq, lastHash), firstBreak);
  }

  private boolean fail(long seq, Verification.Reason reason, String detail) {
    firstBreak = Optional.of(new Verification.Break(seq, reason, detail));
    return false;
  }
}
