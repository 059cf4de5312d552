package baton.conversation;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** One handoff of a conversation to a team: why the bot let go, and who picked it up. */
public record Handoff(
    UUID id, ConversationId conversationId, String teamId, String reason, String detail, Instant createdAt,
    Optional<UUID> claimedBy, Optional<Instant> claimedAt, Optional<String> tierId, Optional<String> packetJson) {
  public Handoff {
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
