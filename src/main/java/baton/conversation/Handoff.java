package baton.conversation;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One handoff of a conversation to a team: why the bot let go, who picked it up, and how it ended
 * ({@code resolution}: resolved, handed_back or transferred; with the agent's note and whether their
 * answer is worth reusing).
 */
public record Handoff(
    UUID id, ConversationId conversationId, String teamId, String reason, String detail, Instant createdAt,
    Optional<UUID> claimedBy, Optional<Instant> claimedAt, Optional<String> tierId, Optional<String> packetJson,
    Optional<Instant> resolvedAt, Optional<String> resolution, Optional<String> resolutionNote, boolean reusable,
    Optional<UUID> resolvedBy) {
  public Handoff {
    requireNonNull(resolvedAt, "resolvedAt");
    requireNonNull(resolution, "resolution");
    requireNonNull(resolutionNote, "resolutionNote");
    requireNonNull(resolvedBy, "resolvedBy");
    requireNonNull(id, "id");
    requireNonNull(conversationId, "conversationId");
    requireNonNull(teamId, "teamId");
    requireNonNull(reason, "reason");
    requireNonNull(detail, "detail");
    requireNonNull(createdAt, "createdAt");
    requireNonNull(claimedBy, "claimedBy");
    requireNonNull(claimedAt, "claimedAt");
    requireNonNull(tierId, "tierId");
    requireNonNull(packetJson, "packetJson");
  }
}
