package baton.conversation;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/** A conversation as an agent's queue lists it; priority 1 is served first. */
public record QueueEntry(
    ConversationId id, ConversationState state, String teamId, Optional<String> customerName,
    Optional<String> handoffReason, Instant queuedAt, Optional<String> lastMessage, int priority, Optional<String> tierId,
    Optional<String> requiredSkill, Optional<String> assignedAgent, Optional<String> frustration) {
  public QueueEntry {
    requireNonNull(frustration, "frustration");
    requireNonNull(tierId, "tierId");
    requireNonNull(requiredSkill, "requiredSkill");
    requireNonNull(assignedAgent, "assignedAgent");
    requireNonNull(id, "id");
    requireNonNull(state, "state");
    requireNonNull(teamId, "teamId");
    requireNonNull(customerName, "customerName");
    requireNonNull(handoffReason, "handoffReason");
    requireNonNull(queuedAt, "queuedAt");
    requireNonNull(lastMessage, "lastMessage");
  }
}
