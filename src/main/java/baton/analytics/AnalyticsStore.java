package baton.analytics;

import baton.conversation.ConversationId;
import java.time.Instant;
import java.util.List;

/** Where analytics reads its facts and keeps satisfaction ratings. Implementations are thread-safe. */
interface AnalyticsStore {

  /** Every conversation created in [from, to), with its decision log, handoffs and rating. */
  List<ConversationFacts> conversationsCreated(Instant from, Instant to);

  /** Keeps the customer's rating of a conversation; a later rating replaces an earlier one. */
  void rate(ConversationId id, Rating rating, Instant at);
}
