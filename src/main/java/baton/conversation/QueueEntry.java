package baton.conversation;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/** A conversation as an agent's queue lists it. */
public record QueueEntry(
    ConversationId id, ConversationState state, String teamId, Optional<String> customerName,
    Optional<String> handoffReason, Instant queuedAt, Optional<String> lastMessage) {
  public QueueEntry {
    requireNonNull(id, "id");
    requireNonNull(state, "state");
    requireNonNull(teamId, "teamId");
    requireNonNull(customerName, "customerName");
    requireNonNull(handoffReason, "handoffReason");
    requireNonNull(queuedAt, "queuedAt");
    requireNonNull(lastMessage, "lastMessage");
  }
}
