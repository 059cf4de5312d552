package baton.conversation;

import static java.util.Objects.requireNonNull;

import java.util.UUID;

/** The agent acting on a conversation, as far as the transcript needs to know them. */
public record AgentRef(UUID id, String name) {
  public AgentRef {
    requireNonNull(id, "id");
    requireNonNull(name, "name");
  }
}
