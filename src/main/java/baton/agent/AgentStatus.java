package baton.agent;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** What a supervisor sees of one agent: presence, how many conversations they hold of how many, and their teams. */
public record AgentStatus(UUID id, String name, AgentRole role, Presence presence, int load, int capacity, List<String> teamIds,
    Optional<Instant> lastSeen, String email, List<String> skills) {
  public AgentStatus {
    teamIds = List.copyOf(teamIds);
    skills = List.copyOf(skills);
  }
}
