package baton.escalation;

import static java.util.Objects.requireNonNull;

import baton.knowledge.Passage;
import baton.routing.Team;
import java.util.List;

/** What the bot does with one customer turn. Closed set: channels switch over it exhaustively. */
public sealed interface Decision {

  /** Reply with text quoted from these passages. */
  record Answer(String text, List<Passage> sources) implements Decision {
    public Answer {
      requireNonNull(text, "text");
      sources = List.copyOf(sources);
    }
  }

  /**
   * Stop answering and queue the conversation for a team. {@code customerNotice} tells the customer
   * who takes over and when; {@code detail} tells the agent why.
   */
  record HandOff(HandoffReason reason, String detail, Team team, String customerNotice) implements Decision {
    public HandOff {
      requireNonNull(reason, "reason");
      requireNonNull(detail, "detail");
      requireNonNull(team, "team");
      requireNonNull(customerNotice, "customerNotice");
    }
  }
}
