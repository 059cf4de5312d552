package baton.escalation;

import baton.knowledge.Candidate;
import baton.knowledge.Retrieval;
import java.util.List;
import java.util.Locale;

/**
 * Why the bot did what it did on one turn: the candidates it weighed with their scores, the
 * calibrated probability that the best one is right, and the bounds it compared that to. Shown to
 * agents as "why did the bot do this", and the raw material of the decision log.
 *
 * @param rule which rule decided, in words ("human request", "probability ≥ answer bound", …)
 */
public record Evidence(String rule, double probability, double answerAbove, double clarifyAbove,
    List<Considered> candidates) {

  /** One candidate passage and its scores. */
  public record Considered(String title, String url, double fused, double semantic, double lexical,
      double topicProbability) {}

  public Evidence {
    candidates = List.copyOf(candidates);
  }

  static Evidence of(String rule, double probability, BotPolicy policy, Retrieval retrieval) {
    return new Evidence(rule, probability, policy.answerAbove(), policy.clarifyAbove(),
        retrieval.candidates().stream().map(Evidence::considered).toList());
  }

  static Evidence withoutRetrieval(String rule, BotPolicy policy) {
    return new Evidence(rule, 0, policy.answerAbove(), policy.clarifyAbove(), List.of());
  }

  private static Considered considered(Candidate candidate) {
    return new Considered(candidate.passage().citationTitle(), candidate.passage().url(), candidate.fused(), candidate.semantic(),
        candidate.lexical(), candidate.topicProbability());
  }

  /** One line for agents and logs. */
  public String summary() {
    String best = candidates.isEmpty() ? "no candidate" : "best \"" + candidates.getFirst().title() + "\"";
    return String.format(Locale.ROOT, "%s: %s, probability %.2f (answer ≥ %.2f, clarify ≥ %.2f)", rule, best, probability,
        answerAbove, clarifyAbove);
  }
}
