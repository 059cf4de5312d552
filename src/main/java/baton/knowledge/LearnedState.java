package baton.knowledge;

import java.util.Locale;
import java.util.Optional;

/**
 * Where a learned entry stands. PROPOSED → APPROVED (indexed and answered from) or PROPOSED → REJECTED
 * (kept, so the same handoff is never proposed again); an approved entry that turns out wrong can be
 * withdrawn, APPROVED → REJECTED. Nothing leaves REJECTED.
 */
public enum LearnedState {
  PROPOSED, APPROVED, REJECTED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<LearnedState> fromWireName(String name) {
    for (LearnedState state : values()) {
      if (state.wireName().equals(name)) {
        return Optional.of(state);
      }
    }
    return Optional.empty();
  }
}
