package baton.tickets;

import baton.conversation.AgentRef;
import baton.conversation.ConversationId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Tickets: opened at handoff, marked by agents, listed with their derived status. Thread-safe. */
public interface TicketStore {
  /** What is known when a handoff to an email or ticket tier commits. */
  record Opened(UUID handoffId, ConversationId conversationId, String tierId, String channel, Optional<String> subject,
      Instant createdAt, Instant dueAt) {}

  /** Records the ticket; telling it twice about one handoff stores one ticket. */
  void open(Opened ticket);

  /**
   * Tickets in due order (solved ones: most recently due first), at most {@code limit}; {@code solved}
   * picks solved or unsolved ones. Further filters are the caller's, on the derived fields.
   */
  List<Ticket> list(boolean solved, int limit);

  Optional<Ticket> find(UUID id);

  /** An agent's explicit open or pending, audited in the same transaction. */
  void mark(UUID id, TicketStatus mark, AgentRef by);
}
