package baton.agent;

import baton.compliance.AuditEvent;
import baton.compliance.AuditLog;
import baton.conversation.ConversationService;
import baton.platform.ApiException;
import baton.platform.HttpRoutes;
import baton.platform.Json;
import baton.routing.Team;
import baton.routing.TeamStore;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * {@code /api/agent/admin/agents} and {@code /api/agent/admin/teams}: the people and the routing
 * limits, changed live. Admins create agents and change anything; supervisors may change what routing
 * uses day to day (capacity, skills, teams) and a team's assignment mode and reply promise. The session
 * and CSRF checks of {@link AgentRoutes} cover these routes too. A team changed here keeps the change
 * until the spec file's own entry for it changes (the spec is reapplied on every edit). Thread-safe.
 */
public final class AgentAdminRoutes implements HttpRoutes {
  private static final Set<String> SUPERVISOR_FIELDS = Set.of("capacity", "skills", "teams");
  private static final Set<String> ALL_FIELDS = Set.of("name", "role", "password", "capacity", "skills", "teams");

  private final AgentStore agents;
  private final TeamStore teams;
  private final Passwords passwords;
  private final ConversationService conversations;
  private final AuditLog audit;

  /** @param audit receives every change made here, with who made it (passwords never) */
  public AgentAdminRoutes(AgentStore agents, TeamStore teams, Passwords passwords, ConversationService conversations, AuditLog audit) {
    this.audit = audit;
    this.agents = agents;
    this.teams = teams;
    this.passwords = passwords;
    this.conversations = conversations;
  }

  @Override
  public void addTo(RoutesConfig routes) {
    routes.get("/api/agent/admin/agents", this::list);
    routes.post("/api/agent/admin/agents", this::create);
    routes.patch("/api/agent/admin/agents/{id}", this::update);
    routes.patch("/api/agent/admin/teams/{id}", this::updateTeam);
  }

  private void list(Context ctx) {
    AgentRoutes.requireRole(ctx, AgentRole.SUPERVISOR, AgentRole.ADMIN);
    ctx.json(Map.of("agents", agents.statuses().stream().map(AgentAdminRoutes::json).toList(),
        "teams", teams.all().stream().map(AgentAdminRoutes::json).toList()));
  }

  private void create(Context ctx) {
    AgentRoutes.requireRole(ctx, AgentRole.ADMIN);
    JsonNode body = Json.readObject(ctx.body());
    String email = text(body, "email").map(value -> value.strip().toLowerCase(Locale.ROOT))
        .filter(value -> value.matches("[^@\\s]{1,200}@[^@\\s]{1,200}\\.[^@\\s]{1,60}"))
        .orElseThrow(() -> ApiException.badRequest("Send 'email': the agent's email address, which they log in with."));
    String name = text(body, "name").map(String::strip).filter(value -> !value.isEmpty() && value.length() <= 200)
        .orElseThrow(() -> ApiException.badRequest("Send 'name' (1-200 characters): customers see it."));
    String password = text(body, "password").filter(AgentAdminRoutes::strongEnough)
        .orElseThrow(() -> ApiException.badRequest("Send 'password': at least 12 characters."));
    AgentRole role = role(body).orElse(AgentRole.AGENT);
    List<String> teamIds = teamIds(body).orElse(List.of());
    if (agents.findByEmail(email).isPresent()) {
      throw ApiException.conflict("agent_exists", "An agent with this email exists already; change them instead.");
    }
    Agent agent = agents.save(email, name, role, passwords.hash(password), teamIds);
    applyRouting(agent.id(), body);
    record(ctx, "agent_created", "agent:" + agent.id(), body);
    ctx.status(201).json(Map.of("agent", statusOf(agent.id())));
  }

  private void update(Context ctx) {
    AgentRoutes.requireRole(ctx, AgentRole.SUPERVISOR, AgentRole.ADMIN);
    boolean admin = AgentRoutes.session(ctx).agent().role() == AgentRole.ADMIN;
    Agent agent = AgentRoutes.parseUuid(ctx.pathParam("id")).flatMap(agents::find)
        .orElseThrow(() -> ApiException.notFound("Agent"));
    JsonNode body = Json.readObject(ctx.body());
    List<String> unknown = new ArrayList<>();
    body.fieldNames().forEachRemaining(field -> {
      if (!ALL_FIELDS.contains(field)) {
        unknown.add(field);
      } else if (!admin && !SUPERVISOR_FIELDS.contains(field)) {
        throw new ApiException(403, "forbidden", "Supervisors may change " + SUPERVISOR_FIELDS + "; '" + field + "' needs an admin.");
      }
    });
    if (!unknown.isEmpty()) {
      throw ApiException.badRequest("Unknown field(s) " + unknown + "; an agent has " + ALL_FIELDS + ".");
    }
    // Validate everything before changing anything, so a bad field leaves the agent as it was.
    Optional<String> name = text(body, "name").map(String::strip);
    if (body.has("name") && name.filter(value -> !value.isEmpty() && value.length() <= 200).isEmpty()) {
      throw ApiException.badRequest("'name' must be 1-200 characters.");
    }
    Optional<AgentRole> role = role(body);
    Optional<String> password = text(body, "password");
    if (body.has("password") && password.filter(AgentAdminRoutes::strongEnough).isEmpty()) {
      throw ApiException.badRequest("'password' must be at least 12 characters.");
    }
    if (body.has("role") && role.isEmpty()) {
      throw ApiException.badRequest("'role' must be agent, supervisor or admin.");
    }
    Optional<List<String>> teamIds = teamIds(body);
    Optional<Integer> capacity = capacity(body);
    Optional<List<String>> skills = skills(body);
    if (name.isPresent() || role.isPresent()) {
      agents.rename(agent.id(), name.orElse(agent.name()), role.orElse(agent.role()));
    }
    password.ifPresent(value -> agents.setPasswordHash(agent.id(), passwords.hash(value)));
    teamIds.ifPresent(ids -> agents.setTeams(agent.id(), ids));
    capacity.ifPresent(value -> agents.setCapacity(agent.id(), value));
    skills.ifPresent(values -> agents.setSkills(agent.id(), values));
    record(ctx, "agent_changed", "agent:" + agent.id(), body);
    // More room or a new skill may let the queue move at once.
    teamIds.orElse(agent.teamIds()).forEach(conversations::routingChanged);
    ctx.json(Map.of("agent", statusOf(agent.id())));
  }

  private void updateTeam(Context ctx) {
    AgentRoutes.requireRole(ctx, AgentRole.SUPERVISOR, AgentRole.ADMIN);
    Team team = teams.find(ctx.pathParam("id")).orElseThrow(() -> ApiException.notFound("Team"));
    JsonNode body = Json.readObject(ctx.body());
    Team.Assignment assignment = team.assignment();
    if (body.has("assignment")) {
      String value = body.path("assignment").asText("");
      if (!value.equals("claim") && !value.equals("auto")) {
        throw ApiException.badRequest("'assignment' must be claim or auto.");
      }
      assignment = Team.Assignment.fromWire(value);
    }
    int minutes = team.typicalReplyMinutes();
    if (body.has("typicalReplyMinutes")) {
      JsonNode value = body.get("typicalReplyMinutes");
      if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 1 || value.asInt() > 43_200) {
        throw ApiException.badRequest("'typicalReplyMinutes' must be a whole number of minutes, 1-43200.");
      }
      minutes = value.asInt();
    }
    Team changed = new Team(team.id(), team.name(), minutes, assignment, team.hours());
    teams.save(changed);
    record(ctx, "routing_changed", "team:" + team.id(), body);
    conversations.routingChanged(team.id());
    ctx.json(Map.of("team", json(changed)));
  }

  /** The changed fields as sent, minus any password: admin changes are part of the audit trail. */
  private void record(Context ctx, String action, String subject, JsonNode body) {
    var details = new java.util.TreeMap<String, Object>();
    body.fields().forEachRemaining(field -> details.put(field.getKey(), field.getKey().equals("password") ? "(changed)" : field.getValue()));
    audit.append(AuditEvent.of("agent:" + AgentRoutes.session(ctx).agent().id(), action, subject, details));
  }

  private Map<String, Object> statusOf(UUID id) {
    return agents.statuses().stream().filter(status -> status.id().equals(id)).findFirst().map(AgentAdminRoutes::json)
        .orElseThrow(() -> ApiException.notFound("Agent"));
  }

  private void applyRouting(UUID id, JsonNode body) {
    capacity(body).ifPresent(value -> agents.setCapacity(id, value));
    skills(body).ifPresent(values -> agents.setSkills(id, values));
  }

  private Optional<List<String>> teamIds(JsonNode body) {
    if (!body.has("teams")) {
      return Optional.empty();
    }
    List<String> ids = strings(body.get("teams"), "teams");
    List<String> known = teams.all().stream().map(Team::id).toList();
    for (String id : ids) {
      if (!known.contains(id)) {
        throw ApiException.badRequest("No team '" + id + "'; the teams are " + known + ".");
      }
    }
    return Optional.of(ids);
  }

  private static Optional<List<String>> skills(JsonNode body) {
    if (!body.has("skills")) {
      return Optional.empty();
    }
    List<String> skills = strings(body.get("skills"), "skills").stream().map(skill -> skill.strip().toLowerCase(Locale.ROOT)).toList();
    for (String skill : skills) {
      if (!skill.matches("[a-z0-9][a-z0-9_-]{0,63}")) {
        throw ApiException.badRequest("Skill '" + skill + "' must be a lower-case name such as refunds.");
      }
    }
    return Optional.of(skills);
  }

  private static Optional<Integer> capacity(JsonNode body) {
    if (!body.has("capacity")) {
      return Optional.empty();
    }
    JsonNode value = body.get("capacity");
    if (!value.isIntegralNumber() || value.asInt() < 0 || value.asInt() > 100) {
      throw ApiException.badRequest("'capacity' must be a whole number 0-100: how many conversations the agent holds at once.");
    }
    return Optional.of(value.asInt());
  }

  private static Optional<AgentRole> role(JsonNode body) {
    String value = body.path("role").asText("");
    return switch (value) {
      case "agent" -> Optional.of(AgentRole.AGENT);
      case "supervisor" -> Optional.of(AgentRole.SUPERVISOR);
      case "admin" -> Optional.of(AgentRole.ADMIN);
      default -> Optional.empty();
    };
  }

  private static List<String> strings(JsonNode node, String field) {
    if (!node.isArray() || node.size() > 100) {
      throw ApiException.badRequest("'" + field + "' must be a list of names.");
    }
    List<String> values = new ArrayList<>();
    node.forEach(item -> {
      if (!item.isTextual()) {
        throw ApiException.badRequest("'" + field + "' must be a list of names.");
      }
      values.add(item.asText());
    });
    return values.stream().distinct().toList();
  }

  private static Optional<String> text(JsonNode body, String field) {
    JsonNode value = body.get(field);
    return value != null && value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
  }

  private static boolean strongEnough(String password) {
    return password.length() >= 12 && password.length() <= 200;
  }

  private static Map<String, Object> json(AgentStatus agent) {
    var view = new LinkedHashMap<String, Object>();
    view.put("id", agent.id().toString());
    view.put("email", agent.email());
    view.put("name", agent.name());
    view.put("role", agent.role().wireName());
    view.put("presence", agent.presence().wireName());
    view.put("load", agent.load());
    view.put("capacity", agent.capacity());
    view.put("teams", agent.teamIds());
    view.put("skills", agent.skills());
    return view;
  }

  private static Map<String, Object> json(Team team) {
    var view = new LinkedHashMap<String, Object>();
    view.put("id", team.id());
    view.put("name", team.name());
    view.put("typicalReplyMinutes", team.typicalReplyMinutes());
    view.put("assignment", team.assignment().wireName());
    view.put("hours", team.hours().map(hours -> hours.toText()).orElse(null));
    return view;
  }
}
