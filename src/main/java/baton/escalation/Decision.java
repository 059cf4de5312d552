package baton.escalation;

import static java.util.Objects.requireNonNull;

import baton.knowledge.Passage;
import baton.routing.Team;
import baton.spec.EscalationSpec;
import java.util.List;
import java.util.Optional;

/**
 * What the bot does with one customer turn. Closed set: channels switch over it exhaustively. Every
 * decision carries its {@link Evidence} (what retrieval found) and its {@link DecisionRecord} (the
 * line of the decision log: signals, rule, checklist state).
 */
public sealed interface Decision {

  Evidence evidence();

  DecisionRecord record();

  /** Reply with text quoted from these passages. */
  record Answer(String text, List<Passage> sources, Evidence evidence, DecisionRecord record) implements Decision {
    public Answer {
      requireNonNull(text, "text");
      sources = List.copyOf(sources);
      requireNonNull(evidence, "evidence");
      requireNonNull(record, "record");
    }
  }

  /**
   * Not sure enough to answer, sure enough that one of a few topics is meant: ask which. The
   * customer's reply (a number or the topic's name) is answered from the chosen passage.
   */
  record Clarify(String text, List<Passage> options, Evidence evidence, DecisionRecord record) implements Decision {
    public Clarify {
      requireNonNull(text, "text");
      options = List.copyOf(options);
      if (options.size() < 2) {
        throw new IllegalArgumentException("a clarifying question offers at least two options");
      }
      requireNonNull(evidence, "evidence");
      requireNonNull(record, "record");
    }
  }

  /** Before handing off, ask for one detail of a pre-handoff checklist. */
  record Collect(String question, EscalationSpec.Item item, Evidence evidence, DecisionRecord record) implements Decision {
    public Collect {
      requireNonNull(question, "question");
      requireNonNull(item, "item");
      requireNonNull(evidence, "evidence");
      requireNonNull(record, "record");
    }
  }

  /**
   * Stop answering and queue the conversation for a tier's team. {@code customerNotice} tells the
   * customer who takes over, how and when; {@code detail} tells the agent why; {@code packet} is the
   * context that spares the customer repeating themselves.
   */
  record HandOff(HandoffReason reason, String detail, EscalationSpec.Tier tier, Team team, String customerNotice,
      HandoffPacket packet, Evidence evidence, DecisionRecord record, Optional<String> skill) implements Decision {
    public HandOff(HandoffReason reason, String detail, EscalationSpec.Tier tier, Team team, String customerNotice,
        HandoffPacket packet, Evidence evidence, DecisionRecord record) {
      this(reason, detail, tier, team, customerNotice, packet, evidence, record, Optional.empty());
    }

    public HandOff {
      requireNonNull(skill, "skill");
      requireNonNull(reason, "reason");
      requireNonNull(detail, "detail");
      requireNonNull(tier, "tier");
      requireNonNull(team, "team");
      requireNonNull(customerNotice, "customerNotice");
      requireNonNull(packet, "packet");
      requireNonNull(evidence, "evidence");
      requireNonNull(record, "record");
    }
  }
}
