package baton.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import baton.platform.Database;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** What every {@link LearnedKnowledge} must do, run against each real database. */
interface LearnedKnowledgeContract {
  Database database();

  default LearnedKnowledge store() {
    return new JdbiLearnedKnowledge(database().jdbi(), Clock.systemUTC());
  }

  private static LearnedKnowledge.Proposal aProposal(UUID handoff) {
    return new LearnedKnowledge.Proposal("Can I book a guided hike?", List.of("do you run group walks?", "guided walks on weekends?"),
        "Every Saturday at 9am.", Optional.of(handoff), Optional.of(UUID.randomUUID()), Optional.of(UUID.randomUUID()));
  }

  @Test
  default void propose_storesAProposedEntryWithItsPhrasings() {
    LearnedEntry entry = store().propose(aProposal(UUID.randomUUID())).orElseThrow();
    assertThat(entry.state()).isEqualTo(LearnedState.PROPOSED);
    assertThat(entry.phrasings()).containsExactly("do you run group walks?", "guided walks on weekends?");
    assertThat(entry.slug()).isEmpty();
    assertThat(store().find(entry.id())).contains(entry);
  }

  @Test
  default void propose_twiceForOneHandoff_storesOnce() {
    UUID handoff = UUID.randomUUID();
    assertThat(store().propose(aProposal(handoff))).isPresent();
    assertThat(store().propose(aProposal(handoff))).isEmpty();
    assertThat(store().list(Optional.empty())).hasSize(1);
  }

  @Test
  default void approve_setsTheSlugOnce_andASecondApprovalChangesNothing() {
    LearnedEntry entry = store().propose(aProposal(UUID.randomUUID())).orElseThrow();
    UUID reviewer = UUID.randomUUID();
    LearnedEntry approved = store().approve(entry.id(), reviewer, "guided-hikes").orElseThrow();
    assertThat(approved.state()).isEqualTo(LearnedState.APPROVED);
    assertThat(approved.url()).contains("/kb/learned/guided-hikes");
    assertThat(approved.reviewedBy()).contains(reviewer);
    assertThat(store().approve(entry.id(), reviewer, "other")).isEmpty();
    assertThat(store().slugTaken("guided-hikes")).isTrue();
    assertThat(store().list(Optional.of(LearnedState.APPROVED))).extracting(LearnedEntry::id).containsExactly(entry.id());
    assertThat(store().list(Optional.of(LearnedState.PROPOSED))).isEmpty();
  }

  @Test
  default void reject_ofAnApprovedEntry_withdrawsIt_andItsSlugStaysTaken() {
    LearnedEntry entry = store().propose(aProposal(UUID.randomUUID())).orElseThrow();
    store().approve(entry.id(), UUID.randomUUID(), "guided-hikes");
    LearnedEntry withdrawn = store().reject(entry.id(), UUID.randomUUID()).orElseThrow();
    assertThat(withdrawn.state()).isEqualTo(LearnedState.REJECTED);
    assertThat(store().slugTaken("guided-hikes")).isTrue();
    assertThat(store().reject(entry.id(), UUID.randomUUID())).isEmpty();
    assertThat(store().list(Optional.of(LearnedState.APPROVED))).isEmpty();
  }

  @Test
  default void edit_changesProposedAndApprovedEntries_butNotRejectedOnes() {
    LearnedEntry proposed = store().propose(aProposal(UUID.randomUUID())).orElseThrow();
    assertThat(store().edit(proposed.id(), "Guided hikes?", List.of("walks with a guide"), "Saturdays.").orElseThrow().answer())
        .isEqualTo("Saturdays.");
    LearnedEntry rejected = store().propose(aProposal(UUID.randomUUID())).orElseThrow();
    store().reject(rejected.id(), UUID.randomUUID());
    assertThat(store().edit(rejected.id(), "x", List.of(), "y")).isEmpty();
    assertThat(store().find(rejected.id()).orElseThrow().answer()).isEqualTo("Every Saturday at 9am.");
  }

  @Test
  default void approve_byTwoSupervisorsAtOnce_approvesOnce() throws Exception {
    LearnedEntry entry = store().propose(aProposal(UUID.randomUUID())).orElseThrow();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Optional<LearnedEntry>>> attempts = new java.util.ArrayList<>();
      for (int i = 0; i < 4; i++) {
        String slug = "hikes-" + i;
        attempts.add(pool.submit(() -> store().approve(entry.id(), UUID.randomUUID(), slug)));
      }
      int approved = 0;
      for (var attempt : attempts) {
        approved += attempt.get().isPresent() ? 1 : 0;
      }
      assertThat(approved).isEqualTo(1);
    } finally {
      pool.shutdown();
    }
  }
}
