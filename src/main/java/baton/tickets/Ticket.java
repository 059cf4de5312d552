package baton.tickets;

import static java.util.Objects.requireNonNull;

import baton.conversation.AgentRef;
import baton.conversation.ConversationId;
import java.time.Instant;
import java.util.Optional;

/**
 * One ticket as the list shows it. {@code id} is the id of the handoff that opened it; {@code dueAt} is
 * the reply promised to the customer at that handoff; {@code teamId} and {@code assignee} are the
 * conversation's now (for a solved ticket: the team and agent that closed it).
 */
public record Ticket(
    java.util.UUID id, ConversationId conversationId, String tierId, String channel, Optional<String> teamId,
    Optional<String> customerName, Optional<String> subject, Optional<AgentRef> assignee, TicketStatus status,
    Instant createdAt, Instant dueAt, Optional<Instant> solvedAt) {
  public Ticket {
    requireNonNull(id, "id");
    requireNonNull(conversationId, "conversationId");
    requireNonNull(tierId, "tierId");
    requireNonNull(channel, "channel");
    requireNonNull(teamId, "teamId");
    requireNonNull(customerName, "customerName");
    requireNonNull(subject, "subject");
    requireNonNull(assignee, "assignee");
    requireNonNull(status, "status");
    requireNonNull(createdAt, "createdAt");
    requireNonNull(dueAt, "dueAt");
    requireNonNull(solvedAt, "solvedAt");
  }

  /** Past its due time and not solved. */
  public boolean overdueAt(Instant now) {
    return status != TicketStatus.SOLVED && now.isAfter(dueAt);
  }
}
