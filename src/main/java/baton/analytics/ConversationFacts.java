package baton.analytics;

import static java.util.Objects.requireNonNull;

import baton.conversation.ConversationId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What analytics knows of one conversation, read from the store: its row, its decision log (one
 * {@link Turn} per customer turn the bot decided) and its handoffs. Immutable; the raw material of
 * every measure, so the measures are pure functions of these values.
 *
 * @param lastActivityAt the last message's time (the creation time when there is none)
 * @param resolvedAt when an agent resolved it; empty while it is open or was reopened
 */
record ConversationFacts(ConversationId id, String channel, String state, Instant createdAt, Optional<Instant> resolvedAt,
    Instant lastActivityAt, List<Turn> turns, List<HandoffFact> handoffs, Optional<Rating> rating) {

  /** The value every grouping uses for "no tier", "no team", "no topic". */
  static final String NONE = "none";

  ConversationFacts {
    requireNonNull(id, "id");
    requireNonNull(channel, "channel");
    requireNonNull(state, "state");
    requireNonNull(createdAt, "createdAt");
    requireNonNull(resolvedAt, "resolvedAt");
    requireNonNull(lastActivityAt, "lastActivityAt");
    turns = List.copyOf(turns);
    handoffs = List.copyOf(handoffs);
    requireNonNull(rating, "rating");
  }

  /**
   * One line of the decision log, reduced to what the measures use.
   *
   * @param action answer, clarify, collect or handoff
   * @param rule the rule or bound that decided, in words, as the log states it
   * @param answerUrl for answers: the passage quoted; else null
   * @param topic the topic signal ({@link #NONE} when the turn had none)
   * @param frustration none, mild or high
   */
  record Turn(long seq, String action, String rule, String answerUrl, String topic, boolean repeat, boolean loop,
      boolean humanRequest, boolean sensitiveData, boolean keyword, String frustration) {
    Turn {
      requireNonNull(action, "action");
      rule = rule == null ? "" : rule;
      topic = topic == null || topic.isBlank() ? NONE : topic;
      frustration = frustration == null ? NONE : frustration;
    }
  }

  /**
   * One handoff row.
   *
   * @param reason the trigger: human_request, frustration, … ({@code transfer} for an agent's transfer)
   * @param fellBackToOffline the bot meant a live tier but its fallback to an email or ticket tier took it
   * @param firstAgentReplyAt the first agent message at or after the handoff
   */
  record HandoffFact(Instant createdAt, Optional<Instant> claimedAt, Optional<Instant> firstAgentReplyAt, String reason, String tier,
      String team, boolean fellBackToOffline) {
    HandoffFact {
      requireNonNull(createdAt, "createdAt");
      requireNonNull(claimedAt, "claimedAt");
      requireNonNull(firstAgentReplyAt, "firstAgentReplyAt");
      requireNonNull(reason, "reason");
      tier = tier == null ? NONE : tier;
      team = team == null ? NONE : team;
    }

    /** Transfers are agents moving a conversation between teams, not the bot escalating. */
    boolean byBot() {
      return !reason.equals("transfer");
    }
  }
}
