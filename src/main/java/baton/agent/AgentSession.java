package baton.agent;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** A logged-in agent's session: who, the CSRF token their page must echo, and when it ends. */
public record AgentSession(Agent agent, String csrfToken, Instant expiresAt) {
  public AgentSession {
    requireNonNull(agent, "agent");
    requireNonNull(csrfToken, "csrfToken");
    requireNonNull(expiresAt, "expiresAt");
  }
}
