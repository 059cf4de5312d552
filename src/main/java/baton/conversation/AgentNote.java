package baton.conversation;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.UUID;

/** An internal note: what one agent tells the others about a conversation. Never shown to the customer. */
public record AgentNote(UUID id, ConversationId conversationId, AgentRef author, String text, Instant createdAt) {
  public AgentNote {
    requireNonNull(id, "id");
    requireNonNull(conversationId, "conversationId");
    requireNonNull(author, "author");
    requireNonNull(text, "text");
    requireNonNull(createdAt, "createdAt");
  }
}
