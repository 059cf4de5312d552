package baton.escalation;

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
 * passage. Thread-safe; each turn reads one consistent spec-and-knowledge pair, so a reload applies
 * from the next turn on and never half-way through one.
 */
public final class SupportBot {
  private final Supplier<LiveBrain.Brain> brain;
  private final HumanRequestDetector humanRequests;

  public SupportBot(Supplier<LiveBrain.Brain> brain, HumanRequestDetector humanRequests) {
    this.brain = brain;
    this.humanRequests = humanRequests;
  }

  public String name() {
    return brain.get().spec().botName();
  }

  public String greeting() {
    return brain.get().spec().greeting();
  }

  public Decision respond(String customerText) {
    LiveBrain.Brain now = brain.get();
    BotSpec current = now.spec();
    Team team = current.team(current.defaultTeam());
    if (humanRequests.isHumanRequest(customerText)) {
      return new Decision.HandOff(HandoffReason.HUMAN_REQUEST, "The customer asked for a person.", team,
          handoffCopy(current.handoffMessage(), team));
    }
    List<ScoredPassage> hits = now.knowledge().search(customerText, 3);
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
