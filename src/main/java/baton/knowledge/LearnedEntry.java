package baton.knowledge;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One entry the bot learned, or may learn, from an agent's reusable answer: the question as customers
 * asked it (personal data already removed), the agent's answer, and its review. An approved entry has
 * a slug and is cited at {@link #url()}.
 *
 * @param handoffId the handoff whose resolution proposed it; empty for entries made elsewhere (the replay)
 */
public record LearnedEntry(UUID id, LearnedState state, String question, List<String> phrasings, String answer,
    Optional<String> slug, Optional<UUID> handoffId, Optional<UUID> conversationId, Optional<UUID> proposedBy,
    Instant createdAt, Instant updatedAt, Optional<UUID> reviewedBy, Optional<Instant> reviewedAt) {

  /** Articles of learned entries have slugs under this prefix, so they never clash with files or pages. */
  public static final String SLUG_PREFIX = "learned/";

  public LearnedEntry {
    requireNonNull(id, "id");
    requireNonNull(state, "state");
    requireNonNull(question, "question");
    phrasings = List.copyOf(phrasings);
    requireNonNull(answer, "answer");
    requireNonNull(slug, "slug");
    requireNonNull(handoffId, "handoffId");
    requireNonNull(conversationId, "conversationId");
    requireNonNull(proposedBy, "proposedBy");
    requireNonNull(createdAt, "createdAt");
    requireNonNull(updatedAt, "updatedAt");
    requireNonNull(reviewedBy, "reviewedBy");
    requireNonNull(reviewedAt, "reviewedAt");
  }

  /** Where citations point: {@code /kb/learned/{slug}}; empty until approved. */
  public Optional<String> url() {
    return slug.map(value -> "/kb/" + SLUG_PREFIX + value);
  }

  /**
   * The entry as an FAQ-like article of one passage: found by its question and phrasings, quoted by its
   * answer. Only approved entries are indexed.
   */
  public Article toArticle() {
    String value = slug.orElseThrow(() -> new IllegalStateException("only an approved entry has an article"));
    String title = question.replace('\n', ' ').strip();
    var passage = new Passage(title, title, answer.strip(), url().orElseThrow(), phrasings);
    return new Article(SLUG_PREFIX + value, title, "# " + title + "\n\n" + answer.strip() + "\n", List.of(passage));
  }
}
