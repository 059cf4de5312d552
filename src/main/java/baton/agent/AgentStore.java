package baton.agent;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Agents, their team memberships and their login sessions. Thread-safe. */
public interface AgentStore {
  /** Creates the agent, or updates name, role, password and teams of the one with this email. */
  Agent save(String email, String name, AgentRole role, String passwordHash, List<String> teamIds);

  Optional<Agent> find(UUID id);

  Optional<Agent> findByEmail(String email);

  Optional<String> passwordHash(UUID agentId);

  int count();

  void createSession(String tokenHash, UUID agentId, String csrfToken, Instant expiresAt);

  /** The session if it exists and has not expired at {@code now}. */
  Optional<AgentSession> findSession(String tokenHash, Instant now);

  void deleteSession(String tokenHash);
}
