package baton.agent;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** {@link AgentStore} over SQL shared by H2 and PostgreSQL. Emails are stored lower-cased. Thread-safe. */
public final class JdbiAgentStore implements AgentStore {
  private final Jdbi jdbi;
  private final Clock clock;

  public JdbiAgentStore(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  @Override
  public Agent save(String email, String name, AgentRole role, String passwordHash, List<String> teamIds) {
    String normalized = email.strip().toLowerCase(Locale.ROOT);
    List<String> teams = teamIds.stream().distinct().sorted().toList();
    return jdbi.inTransaction(handle -> {
      Optional<UUID> existing = handle.createQuery("select id from agents where email = :email")
          .bind("email", normalized).mapTo(UUID.class).findOne();
      UUID id = existing.orElseGet(UUID::randomUUID);
      if (existing.isPresent()) {
        handle.createUpdate("update agents set name = :name, role = :role, password_hash = :hash where id = :id")
            .bind("id", id).bind("name", name).bind("role", role.wireName()).bind("hash", passwordHash).execute();
        handle.createUpdate("delete from agent_teams where agent_id = :id").bind("id", id).execute();
      } else {
        handle.createUpdate("insert into agents (id, email, name, password_hash, role, created_at)"
                + " values (:id, :email, :name, :hash, :role, :now)")
            .bind("id", id).bind("email", normalized).bind("name", name).bind("hash", passwordHash)
            .bind("role", role.wireName()).bind("now", clock.instant()).execute();
      }
      for (String team : teams) {
        handle.createUpdate("insert into agent_teams (agent_id, team_id) values (:id, :team)")
            .bind("id", id).bind("team", team).execute();
      }
      return new Agent(id, normalized, name, role, teams);
    });
  }

  @Override
  public Optional<Agent> find(UUID id) {
    return jdbi.withHandle(handle -> handle.createQuery("select id, email, name, role from agents where id = :id")
        .bind("id", id)
        .map((rs, ctx) -> agent(handle, rs))
        .findOne());
  }

  @Override
  public Optional<Agent> findByEmail(String email) {
    return jdbi.withHandle(handle -> handle.createQuery("select id, email, name, role from agents where email = :email")
        .bind("email", email.strip().toLowerCase(Locale.ROOT))
        .map((rs, ctx) -> agent(handle, rs))
        .findOne());
  }

  @Override
  public Optional<String> passwordHash(UUID agentId) {
    return jdbi.withHandle(handle -> handle.createQuery("select password_hash from agents where id = :id")
        .bind("id", agentId).mapTo(String.class).findOne());
  }

  @Override
  public int count() {
    return jdbi.withHandle(handle -> handle.createQuery("select count(*) from agents").mapTo(Integer.class).one());
  }

  @Override
  public void createSession(String tokenHash, UUID agentId, String csrfToken, Instant expiresAt) {
    Instant now = clock.instant();
    jdbi.useTransaction(handle -> {
      handle.createUpdate("delete from agent_sessions where expires_at < :now").bind("now", now).execute();
      // Idle sessions are refused when used; they are deleted at their absolute expiry like the rest.
      handle.createUpdate("insert into agent_sessions (token_hash, agent_id, csrf_token, created_at, expires_at, last_used_at)"
              + " values (:hash, :agent, :csrf, :now, :expires, :now)")
          .bind("hash", tokenHash).bind("agent", agentId).bind("csrf", csrfToken).bind("now", now)
          .bind("expires", expiresAt).execute();
    });
  }

  @Override
  public Optional<AgentSession> findSession(String tokenHash, Instant now) {
    return jdbi.withHandle(handle -> findSession(handle, tokenHash, now, Instant.MIN));
  }

  @Override
  public Optional<AgentSession> useSession(String tokenHash, Instant now, java.time.Duration idle) {
    return jdbi.withHandle(handle -> {
      Optional<AgentSession> session = findSession(handle, tokenHash, now, now.minus(idle));
      if (session.isPresent() && session.get().lastUsedAt().isBefore(now.minus(TOUCH_EVERY))) {
        handle.createUpdate("update agent_sessions set last_used_at = :now where token_hash = :hash and last_used_at < :now")
            .bind("hash", tokenHash).bind("now", now).execute();
      }
      return session;
    });
  }

  /** Writing the last use on every request would turn each console poll into a database write. */
  private static final java.time.Duration TOUCH_EVERY = java.time.Duration.ofMinutes(1);

  private static Optional<AgentSession> findSession(Handle handle, String tokenHash, Instant now, Instant usedAfter) {
    return handle.createQuery(
            "select s.csrf_token, s.expires_at, s.last_used_at, a.id, a.email, a.name, a.role from agent_sessions s"
                + " join agents a on a.id = s.agent_id where s.token_hash = :hash and s.expires_at > :now")
        .bind("hash", tokenHash)
        .bind("now", now)
        .map((rs, ctx) -> new AgentSession(agent(handle, rs), rs.getString("csrf_token"),
            rs.getObject("expires_at", OffsetDateTime.class).toInstant(), rs.getObject("last_used_at", OffsetDateTime.class).toInstant()))
        .findOne()
        .filter(session -> session.lastUsedAt().isAfter(usedAfter));
  }

  @Override
  public void deleteSession(String tokenHash) {
    jdbi.useHandle(handle -> handle.createUpdate("delete from agent_sessions where token_hash = :hash")
        .bind("hash", tokenHash).execute());
  }

  private static Agent agent(Handle handle, ResultSet rs) throws SQLException {
    UUID id = rs.getObject("id", UUID.class);
    List<String> teams = handle.createQuery("select team_id from agent_teams where agent_id = :id order by team_id")
        .bind("id", id).mapTo(String.class).list();
    return new Agent(id, rs.getString("email"), rs.getString("name"), AgentRole.fromWire(rs.getString("role")), teams);
  }

  @Override
  public void setPresence(UUID agentId, Presence presence, Instant now) {
    jdbi.useHandle(handle -> handle.createUpdate("update agents set presence = :presence, last_seen = :now where id = :id")
        .bind("id", agentId).bind("presence", presence.wireName()).bind("now", now).execute());
  }

  @Override
  public void seen(UUID agentId, Instant now) {
    jdbi.useHandle(handle -> handle.createUpdate("update agents set last_seen = :now where id = :id").bind("id", agentId).bind("now", now)
        .execute());
  }

  @Override
  public int markUnseenOffline(Instant before) {
    return jdbi.withHandle(handle -> handle.createUpdate(
            "update agents set presence = 'offline' where presence <> 'offline' and (last_seen is null or last_seen < :before)")
        .bind("before", before).execute());
  }

  @Override
  public void setCapacity(UUID agentId, int capacity) {
    if (capacity < 0 || capacity > 100) {
      throw new IllegalArgumentException("capacity must be 0-100, not " + capacity);
    }
    jdbi.useHandle(handle -> handle.createUpdate("update agents set capacity = :capacity where id = :id")
        .bind("id", agentId).bind("capacity", capacity).execute());
  }

  @Override
  public void setSkills(UUID agentId, java.util.Collection<String> skills) {
    List<String> names = skills.stream().map(skill -> skill.strip().toLowerCase(Locale.ROOT)).distinct().sorted().toList();
    for (String skill : names) {
      if (!skill.matches("[a-z0-9][a-z0-9_-]{0,63}")) {
        throw new IllegalArgumentException("skill '" + skill + "' must be a lower-case name such as refunds");
      }
    }
    jdbi.useTransaction(handle -> {
      handle.createUpdate("delete from agent_skills where agent_id = :id").bind("id", agentId).execute();
      for (String skill : names) {
        handle.createUpdate("insert into agent_skills (agent_id, skill) values (:id, :skill)").bind("id", agentId).bind("skill", skill)
            .execute();
      }
    });
  }

  @Override
  public void setTeams(UUID agentId, List<String> teamIds) {
    jdbi.useTransaction(handle -> {
      handle.createUpdate("delete from agent_teams where agent_id = :id").bind("id", agentId).execute();
      for (String team : teamIds.stream().distinct().sorted().toList()) {
        handle.createUpdate("insert into agent_teams (agent_id, team_id) values (:id, :team)").bind("id", agentId).bind("team", team)
            .execute();
      }
    });
  }

  @Override
  public boolean rename(UUID agentId, String name, AgentRole role) {
    return jdbi.withHandle(handle -> handle.createUpdate("update agents set name = :name, role = :role where id = :id")
        .bind("id", agentId).bind("name", name).bind("role", role.wireName()).execute()) == 1;
  }

  @Override
  public void setPasswordHash(UUID agentId, String passwordHash) {
    jdbi.useTransaction(handle -> {
      handle.createUpdate("update agents set password_hash = :hash where id = :id").bind("id", agentId).bind("hash", passwordHash).execute();
      handle.createUpdate("delete from agent_sessions where agent_id = :id").bind("id", agentId).execute();
    });
  }

  @Override
  public List<AvailableAgent> available(String teamId) {
    return jdbi.withHandle(handle -> handle.createQuery("select a.id, a.name, a.capacity, (select count(*) from conversations c"
            + " where c.assigned_agent_id = a.id and c.state = 'WITH_AGENT') as load from agents a"
            + " join agent_teams t on t.agent_id = a.id where t.team_id = :team and a.presence = 'online' order by load, a.id")
        .bind("team", teamId)
        .map((rs, ctx) -> new AvailableAgent(new baton.conversation.AgentRef(rs.getObject("id", UUID.class), rs.getString("name")),
            rs.getInt("load"), rs.getInt("capacity")))
        .list()
        .stream().filter(agent -> agent.load() < agent.capacity()).toList());
  }

  @Override
  public List<AgentStatus> statuses() {
    return jdbi.withHandle(handle -> {
      var teamsByAgent = new java.util.HashMap<UUID, List<String>>();
      handle.createQuery("select agent_id, team_id from agent_teams order by team_id")
          .map((rs, ctx) -> new Object[] {rs.getObject("agent_id", UUID.class), rs.getString("team_id")})
          .forEach(row -> teamsByAgent.computeIfAbsent((UUID) row[0], id -> new java.util.ArrayList<>()).add((String) row[1]));
      var skillsByAgent = new java.util.HashMap<UUID, List<String>>();
      handle.createQuery("select agent_id, skill from agent_skills order by skill")
          .map((rs, ctx) -> new Object[] {rs.getObject("agent_id", UUID.class), rs.getString("skill")})
          .forEach(row -> skillsByAgent.computeIfAbsent((UUID) row[0], id -> new java.util.ArrayList<>()).add((String) row[1]));
      return handle.createQuery("select a.id, a.email, a.name, a.role, a.presence, a.capacity, a.last_seen, (select count(*) from conversations c"
              + " where c.assigned_agent_id = a.id and c.state = 'WITH_AGENT') as load from agents a order by a.name, a.id")
          .map((rs, ctx) -> {
            UUID id = rs.getObject("id", UUID.class);
            var lastSeen = rs.getObject("last_seen", java.time.OffsetDateTime.class);
            return new AgentStatus(id, rs.getString("name"), AgentRole.fromWire(rs.getString("role")), Presence.fromWire(rs.getString("presence")),
                rs.getInt("load"), rs.getInt("capacity"), teamsByAgent.getOrDefault(id, List.of()),
                java.util.Optional.ofNullable(lastSeen).map(java.time.OffsetDateTime::toInstant), rs.getString("email"),
                skillsByAgent.getOrDefault(id, List.of()));
          })
          .list();
    });
  }
}
