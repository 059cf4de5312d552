package baton.knowledge;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The learning loop: an agent's reusable answer becomes a proposed entry; a supervisor edits, approves
 * or rejects it; approved entries join the live knowledge at once and are cited at
 * {@code /kb/learned/{slug}}.
 *
 * <p>States: an entry is PROPOSED until reviewed, then APPROVED or REJECTED; an approved entry may
 * still be withdrawn (REJECTED), and nothing leaves REJECTED (see {@link LearnedState}). Invariants: only approved entries are ever indexed; the index is told the
 * whole approved set after every change that touches it, under one lock, so a slower rebuild can
 * never publish an older set over a newer one; a slug, once given, never changes, so citations in
 * old transcripts keep working after the entry is edited.
 *
 * <p>The loop knows nothing of conversations: whoever proposes has already reduced the transcript to
 * questions and an answer and removed personal data. Thread-safe.
 */
public final class LearningLoop {
  static final int MAX_QUESTION = 500;
  static final int MAX_ANSWER = 4000;
  static final int MAX_PHRASINGS = 50;
  private static final int MAX_SLUG = 60;

  /** What a review did; the HTTP layer turns each into a status. */
  public sealed interface Outcome {
    record Done(LearnedEntry entry) implements Outcome {}

    record Missing() implements Outcome {}

    /** The entry is not in a state that allows this (approving a rejected entry, editing a rejected one). */
    record NotAllowed(LearnedState state) implements Outcome {}
  }

  private final LearnedKnowledge store;
  private final Consumer<List<Article>> index;
  private final Object indexing = new Object();

  /** @param index receives every approved entry as an article after each change to the approved set */
  public LearningLoop(LearnedKnowledge store, Consumer<List<Article>> index) {
    this.store = store;
    this.index = index;
  }

  /**
   * Stores a proposal, cleaned: blank and repeated phrasings dropped, the question not repeated among
   * them, texts cut to their limits. Empty when its handoff proposed one already or nothing is left.
   */
  public Optional<LearnedEntry> propose(LearnedKnowledge.Proposal proposal) {
    List<String> all = new ArrayList<>();
    all.add(proposal.question());
    all.addAll(proposal.phrasings());
    List<String> asked = distinct(all);
    String answer = cut(proposal.answer().strip(), MAX_ANSWER);
    if (asked.isEmpty() || answer.isEmpty()) {
      return Optional.empty();
    }
    String question = asked.getFirst();
    List<String> others = asked.stream().filter(text -> !text.equalsIgnoreCase(question)).limit(MAX_PHRASINGS).toList();
    return store.propose(new LearnedKnowledge.Proposal(question, others, answer, proposal.handoffId(), proposal.conversationId(),
        proposal.proposedBy()));
  }

  public Optional<LearnedEntry> find(UUID id) {
    return store.find(id);
  }

  public List<LearnedEntry> list(Optional<LearnedState> state) {
    return store.list(state);
  }

  /**
   * A supervisor's edit. An approved entry stays approved under its slug and is re-indexed.
   *
   * @throws IllegalArgumentException when a text is empty or too long; the message says which
   */
  public Outcome edit(UUID id, String question, List<String> phrasings, String answer) {
    String q = question == null ? "" : question.strip();
    String a = answer == null ? "" : answer.strip();
    if (q.isEmpty() || q.length() > MAX_QUESTION) {
      throw new IllegalArgumentException("'question' must be 1-" + MAX_QUESTION + " characters.");
    }
    if (a.isEmpty() || a.length() > MAX_ANSWER) {
      throw new IllegalArgumentException("'answer' must be 1-" + MAX_ANSWER + " characters.");
    }
    List<String> others = distinct(phrasings).stream().filter(text -> !text.equalsIgnoreCase(q)).toList();
    if (others.size() > MAX_PHRASINGS || others.stream().anyMatch(text -> text.length() > MAX_QUESTION)) {
      throw new IllegalArgumentException("'phrasings' holds at most " + MAX_PHRASINGS + " texts of 1-" + MAX_QUESTION + " characters.");
    }
    Optional<LearnedEntry> before = store.find(id);
    if (before.isEmpty()) {
      return new Outcome.Missing();
    }
    Optional<LearnedEntry> edited = store.edit(id, q, others, a);
    if (edited.isEmpty()) {
      return new Outcome.NotAllowed(store.find(id).map(LearnedEntry::state).orElse(before.get().state()));
    }
    if (edited.get().state() == LearnedState.APPROVED) {
      reindex();
    }
    return new Outcome.Done(edited.get());
  }

  /** PROPOSED → APPROVED: given a slug from its question and indexed before this returns. */
  public Outcome approve(UUID id, UUID reviewer) {
    Optional<LearnedEntry> before = store.find(id);
    if (before.isEmpty()) {
      return new Outcome.Missing();
    }
    if (before.get().state() != LearnedState.PROPOSED) {
      return new Outcome.NotAllowed(before.get().state());
    }
    String base = slugOf(before.get().question());
    Optional<LearnedEntry> approved = Optional.empty();
    // Two approvals may race for one slug; the unique column settles it and the loser takes the next number.
    for (int n = 1; approved.isEmpty() && n < 1000; n++) {
      String slug = n == 1 ? base : base + "-" + n;
      if (store.slugTaken(slug)) {
        continue;
      }
      try {
        approved = store.approve(id, reviewer, slug);
      } catch (RuntimeException slugTakenMeanwhile) {
        if (!store.slugTaken(slug)) {
          throw slugTakenMeanwhile;
        }
        continue;
      }
      if (approved.isEmpty()) {
        return new Outcome.NotAllowed(store.find(id).map(LearnedEntry::state).orElse(LearnedState.REJECTED));
      }
    }
    reindex();
    return approved.<Outcome>map(Outcome.Done::new).orElseGet(() -> new Outcome.NotAllowed(LearnedState.PROPOSED));
  }

  /**
   * PROPOSED → REJECTED, or an approved entry withdrawn (and dropped from the index at once). The
   * entry is kept so that the same handoff is not proposed again.
   */
  public Outcome reject(UUID id, UUID reviewer) {
    Optional<LearnedEntry> before = store.find(id);
    if (before.isEmpty()) {
      return new Outcome.Missing();
    }
    Optional<LearnedEntry> rejected = store.reject(id, reviewer);
    if (rejected.isEmpty()) {
      return new Outcome.NotAllowed(store.find(id).map(LearnedEntry::state).orElse(before.get().state()));
    }
    if (before.get().state() == LearnedState.APPROVED) {
      reindex();
    }
    return new Outcome.Done(rejected.get());
  }

  /** Every approved entry, as the articles the index holds. */
  public List<Article> articles() {
    return approvedArticles(store);
  }

  /** The approved entries of a store as articles, e.g. for the first index at start-up. */
  public static List<Article> approvedArticles(LearnedKnowledge store) {
    return store.list(Optional.of(LearnedState.APPROVED)).stream().map(LearnedEntry::toArticle).toList();
  }

  /** Tells the index the approved set (also at start, so learned entries survive a restart). */
  public void reindex() {
    synchronized (indexing) {
      index.accept(articles());
    }
  }

  /** "Can I bring my dog to the store?" → {@code can-i-bring-my-dog-to-the-store}. */
  static String slugOf(String question) {
    String ascii = Normalizer.normalize(question, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
    String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    if (slug.length() > MAX_SLUG) {
      slug = slug.substring(0, MAX_SLUG).replaceAll("-[^-]*$", "");
    }
    return slug.isEmpty() ? "entry" : slug;
  }

  private static List<String> distinct(List<String> texts) {
    Set<String> seen = new LinkedHashSet<>();
    List<String> out = new ArrayList<>();
    for (String text : texts == null ? List.<String>of() : texts) {
      String clean = text == null ? "" : cut(text.strip().replaceAll("\\s+", " "), MAX_QUESTION);
      if (!clean.isEmpty() && seen.add(clean.toLowerCase(Locale.ROOT))) {
        out.add(clean);
      }
    }
    return out;
  }

  private static String cut(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max).strip();
  }
}
