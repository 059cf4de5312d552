package baton.agent;

import static java.util.Objects.requireNonNull;

import baton.conversation.AgentRef;
import java.util.List;
import java.util.UUID;

/** A person who answers handed-off conversations for the teams listed. */
public record Agent(UUID id, String email, String name, AgentRole role, List<String> teamIds) {
  public Agent {
    requireNonNull(id, "id");
    requireNonNull(email, "email");
    requireNonNull(name, "name");
    requireNonNull(role, "role");
    teamIds = List.copyOf(teamIds);
  }

  public AgentRef ref() {
    return new AgentRef(id, name);
  }
}
