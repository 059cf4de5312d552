package baton.escalation;

import static java.util.Objects.requireNonNull;

import baton.knowledge.Passage;
import baton.routing.Team;
import java.util.List;

/**
 * What the bot does with one customer turn. Closed set: channels switch over it exhaustively. Every
 * decision carries its {@link Evidence}.
 */
public sealed interface Decision {

  Evidence evidence();

  /** Reply with text quoted from these passages. */
  record Answer(String text, List<Passage> sources, Evidence evidence) implements Decision {
    public Answer {
      requireNonNull(text, "text");
      sources = List.copyOf(sources);
      requireNonNull(evidence, "evidence");
    }
  }

  /**
   * Not sure enough to answer, sure enough that one of a few topics is meant: ask which. The
   * customer's reply (a number or the topic's name) is answered from the chosen passage.
   */
  record Clarify(String text, List<Passage> options, Evidence evidence) implements Decision {
    public Clarify {
      requireNonNull(text, "text");
      options = List.copyOf(options);
      if (options.size() < 2) {
        throw new IllegalArgumentException("a clarifying question offers at least two options");
      }
      requireNonNull(evidence, "evidence");
    }
  }

  /**
   * Stop answering and queue the conversation for a team. {@code customerNotice} tells the customer
   * who takes over and when; {@code detail} tells the agent why.
   */
  record HandOff(HandoffReason reason, String detail, Team team, String customerNotice, Evidence evidence)
      implements Decision {
    public HandOff {
      requireNonNull(reason, "reason");
      requireNonNull(detail, "detail");
      requireNonNull(team, "team");
      requireNonNull(customerNotice, "customerNotice");
      requireNonNull(evidence, "evidence");
    }
  }
}
