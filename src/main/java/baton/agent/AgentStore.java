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

  /**
   * The session if it has neither expired nor been idle for {@code idle} at {@code now}; it then
   * counts as used at {@code now}. (The last use is written at most once a minute, so idleness is
   * measured to within a minute.)
   */
  Optional<AgentSession> useSession(String tokenHash, Instant now, java.time.Duration idle);

  void deleteSession(String tokenHash);

  /** Sets presence and notes the agent as seen now. */
  void setPresence(UUID agentId, Presence presence, Instant now);

  /** An online agent's heartbeat: still there. */
  void seen(UUID agentId, Instant now);

  /** Marks online agents not seen since {@code before} as offline (a closed laptop sends no goodbye); returns how many. */
  int markUnseenOffline(Instant before);

  void setCapacity(UUID agentId, int capacity);

  /** Replaces the agent's skills (lower-case names); routing gives skill-tagged conversations only to holders. */
  void setSkills(UUID agentId, java.util.Collection<String> skills);

  /** Replaces the agent's team memberships. */
  void setTeams(UUID agentId, List<String> teamIds);

  /** Changes name and role; false when there is no such agent. */
  boolean rename(UUID agentId, String name, AgentRole role);

  /** Sets a new password hash and ends the agent's sessions, so a changed password locks out old logins. */
  void setPasswordHash(UUID agentId, String passwordHash);

  /** Online agents of the team below their capacity, least loaded first. */
  java.util.List<AvailableAgent> available(String teamId);

  /** Every agent with presence, load and capacity, for the supervisor view; by name. */
  java.util.List<AgentStatus> statuses();
}
