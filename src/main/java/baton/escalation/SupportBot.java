package baton.escalation;

import baton.knowledge.KnowledgeBase;
import baton.knowledge.ScoredPassage;
import baton.routing.Team;
import baton.signals.HumanRequestDetector;
import baton.spec.BotSpec;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Decides one customer turn. Rules, in order: an explicit ask for a person hands off at once; else the
 * best knowledge passage is quoted when its score reaches the spec's bound; else the bot admits it
 * cannot answer and hands off. It never writes text of its own beyond the spec's copy and the quoted
 * passage. Thread-safe; the spec and knowledge base are read through suppliers so reloads apply to
 * the next turn.
 */
public final class SupportBot {
  private final Supplier<BotSpec> spec;
  private final Supplier<KnowledgeBase> knowledge;
  private final HumanRequestDetector humanRequests;

  public SupportBot(Supplier<BotSpec> spec, Supplier<KnowledgeBase> knowledge, HumanRequestDetector humanRequests) {
    this.spec = spec;
    this.knowledge = knowledge;
    this.humanRequests = humanRequests;
  }

  public String name() {
    return spec.get().botName();
  }

  public String greeting() {
    return spec.get().greeting();
  }

  public Decision respond(String customerText) {
    BotSpec current = spec.get();
    Team team = current.team(current.defaultTeam());
    if (humanRequests.isHumanRequest(customerText)) {
      return new Decision.HandOff(HandoffReason.HUMAN_REQUEST, "The customer asked for a person.", team,
          handoffCopy(current.handoffMessage(), team));
    }
    List<ScoredPassage> hits = knowledge.get().search(customerText, 3);
    if (hits.isEmpty() || hits.getFirst().score() < current.answerMinScore()) {
      String detail = hits.isEmpty()
          ? "No help article matched the question."
          : String.format(Locale.ROOT, "Best match \"%s › %s\" scored %.2f, below the answer bound %.2f.",
              hits.getFirst().passage().articleTitle(), hits.getFirst().passage().heading(), hits.getFirst().score(),
              current.answerMinScore());
      return new Decision.HandOff(HandoffReason.LOW_CONFIDENCE, detail, team,
          current.noAnswerMessage() + " " + handoffCopy(current.handoffMessage(), team));
    }
    ScoredPassage best = hits.getFirst();
    return new Decision.Answer(best.passage().text(), List.of(best.passage()));
  }

  static String handoffCopy(String template, Team team) {
    return template.replace("{team}", team.name()).replace("{minutes}", Integer.toString(team.typicalReplyMinutes()));
  }
}
