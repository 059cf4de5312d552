package baton.knowledge;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Where learned entries are kept: proposals, their edits and their review. Every change is one
 * conditional statement, so two supervisors acting at once cannot both approve, or edit a rejected
 * entry. Implementations are thread-safe.
 */
public interface LearnedKnowledge {

  /** What a resolution proposes; personal data must already be removed. */
  record Proposal(String question, List<String> phrasings, String answer, Optional<UUID> handoffId,
      Optional<UUID> conversationId, Optional<UUID> proposedBy) {
    public Proposal {
      phrasings = List.copyOf(phrasings);
    }
  }

  /** Stores a new proposal; empty when its handoff already proposed one (a retried resolve, a replayed event). */
  Optional<LearnedEntry> propose(Proposal proposal);

  Optional<LearnedEntry> find(UUID id);

  /** Entries in this state, oldest first; all entries when empty. */
  List<LearnedEntry> list(Optional<LearnedState> state);

  /** Replaces the text of a proposed or approved entry; empty when it is missing or rejected. */
  Optional<LearnedEntry> edit(UUID id, String question, List<String> phrasings, String answer);

  /** PROPOSED → APPROVED with this slug; empty when it was not proposed (already reviewed, or missing). */
  Optional<LearnedEntry> approve(UUID id, UUID reviewer, String slug);

  /**
   * PROPOSED → REJECTED, or APPROVED → REJECTED (withdrawn; its slug stays taken); empty when it was
   * already rejected or is missing.
   */
  Optional<LearnedEntry> reject(UUID id, UUID reviewer);

  /** Whether an entry already has this slug. */
  boolean slugTaken(String slug);
}
