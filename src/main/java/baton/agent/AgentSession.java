package baton.agent;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A logged-in agent's session: who, the CSRF token their page must echo, when it ends at the latest,
 * and when it was last used (it also ends after a spell of idleness, see {@link SessionLifetime}).
 */
public record AgentSession(Agent agent, String csrfToken, Instant expiresAt, Instant lastUsedAt) {
  public AgentSession {
    requireNonNull(agent, "agent");
    requireNonNull(csrfToken, "csrfToken");
    requireNonNull(expiresAt, "expiresAt");
    requireNonNull(lastUsedAt, "lastUsedAt");
  }
}
