package baton.conversation;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A conversation's current state, as stored. The customer token is kept only as its hash. While queued,
 * {@code priority} (1 first) orders it in its team's queue and {@code requiredSkill} limits who may take it.
 */
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
    Optional<Instant> queuedAt,
    int priority,
    Optional<String> requiredSkill) {
  public Conversation {
    requireNonNull(requiredSkill, "requiredSkill");
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
