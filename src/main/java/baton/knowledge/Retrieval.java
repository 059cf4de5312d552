package baton.knowledge;

import java.util.List;
import java.util.Optional;

/** What hybrid retrieval found for one question: candidates best first, possibly none. */
public record Retrieval(String question, List<Candidate> candidates) {
  public Retrieval {
    candidates = List.copyOf(candidates);
  }

  public Optional<Candidate> best() {
    return candidates.isEmpty() ? Optional.empty() : Optional.of(candidates.getFirst());
  }
}
