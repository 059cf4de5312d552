package baton.compliance;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * What {@link AuditLog#verify()} found: how many entries it checked, the head it reached, and the
 * first place the chain is broken, if any. Verification stops at the first break, because every
 * entry after it is only as trustworthy as the broken one.
 */
public record Verification(long checked, ChainHead reached, Optional<Break> firstBreak) {
  public Verification {
    requireNonNull(reached, "reached");
    requireNonNull(firstBreak, "firstBreak");
  }

  public boolean intact() {
    return firstBreak.isEmpty();
  }

  /** One line for people: {@code intact: 1600 entries, head 1600:ab…} or {@code broken at seq 42: altered — …}. */
  public String summary() {
    return firstBreak.map(Break::toString)
        .orElseGet(() -> "intact: " + checked + " entries, head " + reached);
  }

  /** Why a chain is broken, in words that say what happened to the rows. */
  public enum Reason {
    /** The entry's fields no longer hash to its stored hash: someone changed the row. */
    ALTERED("altered"),
    /** The entry's prev_hash is not the previous entry's hash: a row was replaced or re-hashed. */
    BROKEN_LINK("broken link"),
    /** A seq is absent: a row was deleted (from the middle, or from the end when a head says so). */
    MISSING("missing"),
    /** Seq or time goes backwards: rows were renumbered or re-dated. */
    OUT_OF_ORDER("out of order"),
    /**
     * The chain disagrees with a head: the entry at an expected head's seq has another hash (the chain
     * was rewritten), or entries go on past the head the database records (added behind its back).
     */
    HEAD_MISMATCH("head mismatch"),
    /**
     * The chain starts after a checkpoint that no retention purge entry names: rows were deleted from
     * its start and the checkpoint moved without the purge that would have recorded it.
     */
    UNRECORDED_PURGE("unrecorded purge");

    private final String words;

    Reason(String words) {
      this.words = words;
    }

    public String words() {
      return words;
    }
  }

  /** The first broken seq, why, and the evidence. */
  public record Break(long seq, Reason reason, String detail) {
    public Break {
      requireNonNull(reason, "reason");
      requireNonNull(detail, "detail");
    }

    @Override
    public String toString() {
      return "broken at seq " + seq + ": " + reason.words() + " — " + detail;
    }
  }
}
