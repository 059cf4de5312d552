package baton.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import baton.platform.OnH2;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The loop's rules over a real (H2) store; the index is a list the test reads. */
class LearningLoopTest extends OnH2 {
  private final List<List<Article>> indexed = new ArrayList<>();
  private final LearningLoop loop = new LearningLoop(new JdbiLearnedKnowledge(database().jdbi(), Clock.systemUTC()), indexed::add);

  private LearnedEntry proposed(String question, String... phrasings) {
    return loop.propose(new LearnedKnowledge.Proposal(question, List.of(phrasings), " Every Saturday. ", Optional.of(UUID.randomUUID()),
        Optional.empty(), Optional.empty())).orElseThrow();
  }

  @Test
  void propose_dropsRepeatedAndBlankPhrasings_andTheQuestionItself() {
    LearnedEntry entry = proposed("Guided hikes?", "guided hikes?", " ", "Walks  with a guide", "walks with a guide");
    assertThat(entry.phrasings()).containsExactly("Walks with a guide");
    assertThat(entry.answer()).isEqualTo("Every Saturday.");
    assertThat(indexed).isEmpty();
  }

  @Test
  void approve_indexesEveryApprovedEntry_withAUniqueSlugFromTheQuestion() {
    LearnedEntry first = proposed("Can I book a guided hike?");
    LearnedEntry second = proposed("Can I book a guided hike?!");
    assertThat(loop.approve(first.id(), UUID.randomUUID())).isInstanceOf(LearningLoop.Outcome.Done.class);
    var done = (LearningLoop.Outcome.Done) loop.approve(second.id(), UUID.randomUUID());
    assertThat(done.entry().url()).contains("/kb/learned/can-i-book-a-guided-hike-2");
    assertThat(indexed).hasSize(2);
    assertThat(indexed.getLast()).extracting(Article::slug)
        .containsExactly("learned/can-i-book-a-guided-hike", "learned/can-i-book-a-guided-hike-2");
    Passage passage = indexed.getLast().getFirst().passages().getFirst();
    assertThat(passage.url()).isEqualTo("/kb/learned/can-i-book-a-guided-hike");
    assertThat(passage.text()).isEqualTo("Every Saturday.");
  }

  @Test
  void reject_neverIndexes_andARejectedEntryCannotBeApproved() {
    LearnedEntry entry = proposed("Can I book a guided hike?");
    assertThat(loop.reject(entry.id(), UUID.randomUUID())).isInstanceOf(LearningLoop.Outcome.Done.class);
    assertThat(loop.approve(entry.id(), UUID.randomUUID())).isEqualTo(new LearningLoop.Outcome.NotAllowed(LearnedState.REJECTED));
    assertThat(indexed).isEmpty();
    assertThat(loop.approve(UUID.randomUUID(), UUID.randomUUID())).isEqualTo(new LearningLoop.Outcome.Missing());
  }

  @Test
  void edit_ofAnApprovedEntry_reindexesUnderTheSameSlug() {
    LearnedEntry entry = proposed("Can I book a guided hike?");
    loop.approve(entry.id(), UUID.randomUUID());
    loop.edit(entry.id(), "Do you run guided hikes?", List.of("Can I book a guided hike?"), "Saturdays at 9am.");
    Article article = indexed.getLast().getFirst();
    assertThat(article.slug()).isEqualTo("learned/can-i-book-a-guided-hike");
    assertThat(article.title()).isEqualTo("Do you run guided hikes?");
    assertThat(article.passages().getFirst().phrasings()).containsExactly("Can I book a guided hike?");
  }

  @Test
  void reject_ofAnApprovedEntry_dropsItFromTheIndex() {
    LearnedEntry entry = proposed("Can I book a guided hike?");
    loop.approve(entry.id(), UUID.randomUUID());
    assertThat(loop.reject(entry.id(), UUID.randomUUID())).isInstanceOf(LearningLoop.Outcome.Done.class);
    assertThat(indexed.getLast()).isEmpty();
  }

  @Test
  void edit_withAnEmptyAnswer_isRefused() {
    LearnedEntry entry = proposed("Can I book a guided hike?");
    assertThatThrownBy(() -> loop.edit(entry.id(), "Guided hikes?", List.of(), " ")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'answer'");
  }

  @Test
  void slugOf_keepsLettersAndDigits_andCutsLongQuestionsAtAWord() {
    assertThat(LearningLoop.slugOf("Ça va? Où est mon colis #42")).isEqualTo("ca-va-ou-est-mon-colis-42");
    assertThat(LearningLoop.slugOf("?!")).isEqualTo("entry");
    assertThat(LearningLoop.slugOf("word ".repeat(40))).hasSizeLessThanOrEqualTo(60).doesNotEndWith("-");
  }
}
