package baton.conversation;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** A conversation's current state, as stored. The customer token is kept only as its hash. */
public record Conversation(
    ConversationId id,
    String tokenHash,
    String channel,
    UUID customerId,
    ConversationState state,
    Optional<String> teamId,
    Optional<AgentRef> assignedAgent,
    long lastSeq,
    Instant createdAt,
    Instant updatedAt,
    Optional<Instant> queuedAt) {
  public Conversation {
    requireNonNull(id, "id");
    requireNonNull(tokenHash, "tokenHash");
    requireNonNull(channel, "channel");
    requireNonNull(customerId, "customerId");
    requireNonNull(state, "state");
    requireNonNull(teamId, "teamId");
    requireNonNull(assignedAgent, "assignedAgent");
    requireNonNull(createdAt, "createdAt");
    requireNonNull(updatedAt, "updatedAt");
    requireNonNull(queuedAt, "queuedAt");
  }

  public boolean isAssignedTo(UUID agentId) {
    return assignedAgent.map(agent -> agent.id().equals(agentId)).orElse(false);
  }
}
