package baton.escalation;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Re-runs recorded conversations through one bot: each conversation starts fresh (greeting, empty
 * decision log), the customer's messages are fed in order with the transcript and decision log carried
 * from turn to turn as the conversation feature carries them, and feeding stops at the first handoff,
 * because from then on the server would no longer ask the bot. What the bot decided is tallied: turns
 * answered, clarified and spent collecting checklist details, handoffs by tier, reason and rule, and
 * conversations left mid-checklist when the recording ran out (the server would not have handed those
 * off either: the customer had stopped writing).
 *
 * <p>Limitation, by construction: after a real handoff the recorded customer messages were written to
 * an agent; if the bot under test keeps such a conversation, it is fed those messages too. Not thread-safe
 * (the bot's signals are not).
 */
public final class WhatIfReplay {
  private final SupportBot bot;
  private final Clock clock;

  public WhatIfReplay(SupportBot bot, Clock clock) {
    this.bot = bot;
    this.clock = clock;
  }

  /** What one bot did with a set of conversations. Immutable; maps sorted by key. */
  public record Tally(int conversations, int customerTurns, int answered, int clarified, int collecting, int handoffs,
      int leftCollecting, Map<String, Integer> handoffsByTier, Map<String, Integer> handoffsByReason, Map<String, Integer> handoffsByRule) {
    public Tally {
      handoffsByTier = Map.copyOf(handoffsByTier);
      handoffsByReason = Map.copyOf(handoffsByReason);
      handoffsByRule = Map.copyOf(handoffsByRule);
    }
  }

  public Tally run(List<RecordedConversation> conversations) {
    int turns = 0;
    int answered = 0;
    int clarified = 0;
    int collecting = 0;
    int leftCollecting = 0;
    Map<String, Integer> byTier = new TreeMap<>();
    Map<String, Integer> byReason = new TreeMap<>();
    Map<String, Integer> byRule = new TreeMap<>();
    int handoffs = 0;
    for (RecordedConversation conversation : conversations) {
      List<DecisionRecord> decisions = replay(conversation);
      turns += decisions.size();
      for (DecisionRecord decision : decisions) {
        switch (decision.action()) {
          case "answer" -> answered++;
          case "clarify" -> clarified++;
          case "collect" -> collecting++;
          case "handoff" -> {
            handoffs++;
            byTier.merge(String.valueOf(decision.tier()), 1, Integer::sum);
            byReason.merge(String.valueOf(decision.reason()), 1, Integer::sum);
            // The confidence policy decides without a spec rule; name it so it still shows as a row.
            byRule.merge(decision.rule() == null || decision.rule().isBlank() ? "(confidence policy)" : decision.rule(), 1, Integer::sum);
          }
          default -> { }
        }
      }
      if (!decisions.isEmpty() && decisions.getLast().action().equals("collect")) {
        leftCollecting++;
      }
    }
    return new Tally(conversations.size(), turns, answered, clarified, collecting, handoffs, leftCollecting, byTier, byReason, byRule);
  }

  /** The bot's decisions for one conversation, one per customer message fed, the last a handoff if it handed off. */
  public List<DecisionRecord> replay(RecordedConversation conversation) {
    List<TurnContext.Line> transcript = new ArrayList<>();
    List<DecisionRecord> decisions = new ArrayList<>();
    long seq = 1;
    transcript.add(new TurnContext.Line(seq, "bot", bot.name(), bot.greeting(), clock.instant(), List.of()));
    for (String text : conversation.customerMessages()) {
      seq++;
      var context = new TurnContext(conversation.id(), conversation.channel(), conversation.customer(), seq, text, transcript,
          decisions);
      Decision decision = bot.respond(context);
      Instant now = clock.instant();
      transcript.add(new TurnContext.Line(seq, "customer", null, text, now, List.of()));
      decisions.add(decision.record());
      seq++;
      switch (decision) {
        case Decision.Answer answer -> transcript.add(new TurnContext.Line(seq, "bot", bot.name(), answer.text(), now,
            answer.sources().stream().map(source -> new TurnContext.Cite(source.heading(), source.url())).toList()));
        case Decision.Clarify clarify -> transcript.add(new TurnContext.Line(seq, "bot", bot.name(), clarify.text(), now,
            clarify.options().stream().map(source -> new TurnContext.Cite(source.heading(), source.url())).toList()));
        case Decision.Collect collect -> transcript.add(new TurnContext.Line(seq, "bot", bot.name(), collect.question(), now, List.of()));
        case Decision.HandOff handOff -> {
          return decisions;
        }
      }
    }
    return decisions;
  }
}
