package baton.agent;

import baton.conversation.AgentNote;
import baton.conversation.Conversation;
import baton.conversation.ConversationState;
import baton.conversation.Handoff;
import baton.conversation.ConversationEvents;
import baton.conversation.ConversationId;
import baton.conversation.ConversationService;
import baton.conversation.ConversationStore;
import baton.conversation.ConversationView;
import baton.conversation.QueueEntry;
import baton.compliance.AuditEvent;
import baton.compliance.AuditLog;
import baton.platform.ApiException;
import baton.platform.ClientAddress;
import baton.platform.RateLimiter;
import baton.platform.RateLimits;
import baton.platform.EventBus;
import baton.platform.HttpRoutes;
import baton.platform.Json;
import baton.platform.LiveSocket;
import baton.platform.SecureTokens;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HandlerType;
import io.javalin.http.SameSite;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsContext;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/agent/**}: login, the queue, one conversation, claim, reply, resolve, and the agents'
 * live socket. Every route but login needs a session cookie; every change (POST, PATCH) also needs the session's
 * CSRF token in {@code X-CSRF-Token}, so another site cannot act with an agent's cookie. Thread-safe.
 */
public final class AgentRoutes implements HttpRoutes {
  private static final Logger log = LoggerFactory.getLogger(AgentRoutes.class);
  public static final String SESSION_COOKIE = "baton_session";
  private static final String SESSION_ATTRIBUTE = "baton.agentSession";

  private final AgentStore agents;
  private final Passwords passwords;
  private final SecureTokens tokens;
  private final ConversationService conversations;
  private final EventBus bus;
  private final Clock clock;
  private final Map<String, Listener> sockets = new ConcurrentHashMap<>();

  /** Console sockets still open on this node (a socket leaves when its close handshake ends). */
  public int openSockets() {
    return sockets.size();
  }

  private record Listener(LiveSocket socket, EventBus.Subscription subscription, UUID agentId) {}

  private final KnowledgeAdmin knowledge;
  private final CannedReplies canned;

  private final AuditLog audit;
  private final SessionLifetime sessionLifetime;
  private final RateLimits limits;
  /** Failed logins per address and email: password guessing slows to the refill rate. */
  private final RateLimiter failedLogins;
  /** Every login per address: each costs a bcrypt check, so this bounds the CPU one address can burn. */
  private final RateLimiter loginsPerAddress;
  private final TierNames tierNames;

  /**
   * @param audit where views of a context packet are recorded (who looked at whose details)
   * @param tierNames names the queue's tiers for the console
   */
  public AgentRoutes(AgentStore agents, Passwords passwords, SecureTokens tokens, ConversationService conversations,
      EventBus bus, Clock clock, MeterRegistry meters, KnowledgeAdmin knowledge, CannedReplies canned, AuditLog audit,
      SessionLifetime sessionLifetime, RateLimits limits, TierNames tierNames) {
    this.sessionLifetime = sessionLifetime;
    this.limits = limits;
    this.failedLogins = new RateLimiter(limits.failedLogins(), limits.maxKeys(), clock);
    this.loginsPerAddress = new RateLimiter(limits.loginsPerAddress(), limits.maxKeys(), clock);
    this.audit = audit;
    this.tierNames = tierNames;
    this.canned = canned;
    this.knowledge = knowledge;
    this.agents = agents;
    this.passwords = passwords;
    this.tokens = tokens;
    this.conversations = conversations;
    this.bus = bus;
    this.clock = clock;
    meters.gauge("baton.websockets.open", List.of(Tag.of("side", "agent")), sockets, Map::size);
  }

  @Override
  public void addTo(RoutesConfig routes) {
    routes.before("/api/agent/*", this::requireSession);
    routes.post("/api/agent/login", this::login);
    routes.post("/api/agent/logout", this::logout);
    routes.get("/api/agent/me", ctx -> ctx.json(me(session(ctx))));
    routes.get("/api/agent/canned", ctx -> ctx.json(Map.of("replies", canned.all())));
    routes.get("/api/agent/teams", ctx -> ctx.json(Map.of("teams", conversations.teams().stream()
        .map(team -> Map.of("id", team.id(), "name", team.name())).toList())));
    routes.get("/api/agent/queue", this::queue);
    routes.get("/api/agent/conversations/{id}", this::conversation);
    routes.post("/api/agent/conversations/{id}/claim", this::claim);
    routes.post("/api/agent/conversations/{id}/messages", this::reply);
    routes.post("/api/agent/conversations/{id}/typing", this::typing);
    routes.post("/api/agent/conversations/{id}/resolve", this::resolve);
    routes.post("/api/agent/conversations/{id}/hand-back", this::handBack);
    routes.post("/api/agent/conversations/{id}/reassign", this::reassign);
    routes.post("/api/agent/conversations/{id}/transfer", this::transfer);
    routes.post("/api/agent/conversations/{id}/notes", this::addNote);
    routes.ws("/api/agent/live", this::live);
    routes.post("/api/agent/presence", this::presence);
    routes.get("/api/agent/supervisor/overview", this::overview);
    routes.get("/api/agent/admin/knowledge", ctx -> {
      requireRole(ctx, AgentRole.SUPERVISOR, AgentRole.ADMIN);
      ctx.json(knowledge.status());
    });
    routes.post("/api/agent/admin/knowledge/sync", ctx -> {
      requireRole(ctx, AgentRole.ADMIN);
      ctx.json(knowledge.syncNow());
    });
  }

  /** For other features' routes under {@code /api/agent/}: the session filter has run, this checks the role. */
  public static void requireRole(Context ctx, AgentRole... allowed) {
    AgentRole role = session(ctx).agent().role();
    if (!List.of(allowed).contains(role)) {
      throw new ApiException(403, "forbidden", "This needs the role " + List.of(allowed).stream().map(AgentRole::wireName).toList()
          + "; you are " + role.wireName() + ".");
    }
  }

  private void requireSession(Context ctx) {
    if (ctx.path().equals("/api/agent/login") || ctx.path().equals("/api/agent/live")) {
      return;
    }
    String cookie = ctx.cookie(SESSION_COOKIE);
    AgentSession session = cookie == null
        ? null
        : agents.useSession(SecureTokens.hash(cookie), clock.instant(), sessionLifetime.idle()).orElse(null);
    if (session == null) {
      throw ApiException.unauthorized(cookie == null ? "Log in to the agent console first."
          : "Your session has ended or expired; log in again.");
    }
    if (ctx.method() != HandlerType.GET && ctx.method() != HandlerType.HEAD && !sameSecret(ctx.header("X-CSRF-Token"), session.csrfToken())) {
      throw new ApiException(403, "csrf", "Missing or wrong X-CSRF-Token header; reload the console.");
    }
    ctx.attribute(SESSION_ATTRIBUTE, session);
  }

  /** The logged-in agent of a request under {@code /api/agent/}; other features' agent routes use it too. */
  public static AgentSession session(Context ctx) {
    AgentSession session = ctx.attribute(SESSION_ATTRIBUTE);
    if (session == null) {
      throw ApiException.unauthorized("Log in to the agent console first.");
    }
    return session;
  }

  private void login(Context ctx) {
    JsonNode body = Json.readObject(ctx.body());
    String email = body.path("email").asText("");
    String password = body.path("password").asText("");
    if (email.isBlank() || password.isEmpty() || password.length() > 200 || email.length() > 320) {
      throw ApiException.badRequest("Send 'email' and 'password'.");
    }
    String address = ClientAddress.of(ctx, limits.trustForwardedFor());
    loginsPerAddress.acquire(address).ifPresent(wait -> {
      throw ApiException.rateLimited("Too many login attempts from your address; try again in " + seconds(wait) + " s.", wait);
    });
    String guessKey = address + " " + email.strip().toLowerCase(java.util.Locale.ROOT);
    failedLogins.blocked(guessKey).ifPresent(wait -> {
      log.warn("agent login refused: too many failed attempts for one email from one address");
      throw ApiException.rateLimited("Too many failed logins; try again in " + seconds(wait) + " s.", wait);
    });
    Optional<Agent> agent = agents.findByEmail(email);
    boolean verified = agent.isPresent()
        && agents.passwordHash(agent.get().id()).map(hash -> passwords.matches(password, hash)).orElse(false);
    if (agent.isEmpty()) {
      passwords.spendDecoyTime(password);
    }
    if (!verified) {
      failedLogins.acquire(guessKey);
      log.info("agent login refused");
      throw ApiException.unauthorized("Wrong email or password.");
    }
    String token = tokens.newToken();
    String csrf = tokens.newToken();
    Instant now = clock.instant();
    Instant expires = now.plus(sessionLifetime.absolute());
    agents.createSession(SecureTokens.hash(token), agent.get().id(), csrf, expires);
    boolean secure = "https".equalsIgnoreCase(ctx.scheme())
        || "https".equalsIgnoreCase(Optional.ofNullable(ctx.header("X-Forwarded-Proto")).orElse(""));
    ctx.cookie(new Cookie(SESSION_COOKIE, token, "/", (int) sessionLifetime.absolute().toSeconds(), secure, true, null, SameSite.STRICT));
    log.info("agent {} logged in", agent.get().id());
    ctx.json(me(new AgentSession(agent.get(), csrf, expires, now)));
  }

  private static long seconds(Duration wait) {
    return Math.max(1, (wait.toMillis() + 999) / 1000);
  }

  private void logout(Context ctx) {
    String cookie = ctx.cookie(SESSION_COOKIE);
    if (cookie != null) {
      agents.deleteSession(SecureTokens.hash(cookie));
    }
    ctx.cookie(new Cookie(SESSION_COOKIE, "", "/", 0, false, true, null, SameSite.STRICT));
    ctx.status(204);
  }

  private Map<String, Object> me(AgentSession session) {
    Agent agent = session.agent();
    var body = new LinkedHashMap<String, Object>();
    var agentJson = new LinkedHashMap<String, Object>();
    agentJson.put("id", agent.id().toString());
    agentJson.put("name", agent.name());
    agentJson.put("email", agent.email());
    agentJson.put("role", agent.role().wireName());
    agentJson.put("teams", agent.teamIds().stream()
        .map(id -> conversations.team(id).map(ConversationView.TeamView::of).orElse(new ConversationView.TeamView(id, id)))
        .toList());
    body.put("agent", agentJson);
    body.put("csrfToken", session.csrfToken());
    return body;
  }

  private void queue(Context ctx) {
    Agent agent = session(ctx).agent();
    Instant now = clock.instant();
    var body = new LinkedHashMap<String, Object>();
    body.put("queued", conversations.queued(agent.teamIds()).stream().map(entry -> queueJson(entry, now)).toList());
    body.put("mine", conversations.assignedTo(agent.ref()).stream().map(entry -> queueJson(entry, now)).toList());
    ctx.json(body);
  }

  private LinkedHashMap<String, Object> queueJson(QueueEntry entry, Instant now) {
    var json = new LinkedHashMap<String, Object>();
    json.put("id", entry.id().toString());
    json.put("state", entry.state());
    json.put("team", conversations.team(entry.teamId()).map(ConversationView.TeamView::of).orElse(null));
    json.put("customerName", entry.customerName().orElse(null));
    json.put("handoffReason", entry.handoffReason().orElse(null));
    json.put("queuedAt", entry.queuedAt());
    json.put("waitingSeconds", Math.max(0, Duration.between(entry.queuedAt(), now).toSeconds()));
    json.put("lastMessage", entry.lastMessage().map(text -> text.length() > 140 ? text.substring(0, 140) + "…" : text).orElse(null));
    json.put("priority", entry.priority());
    json.put("tier", entry.tierId().orElse(null));
    json.put("tierName", entry.tierId().flatMap(tierNames::nameOf).orElse(null));
    json.put("skill", entry.requiredSkill().orElse(null));
    json.put("frustration", entry.frustration().orElse(null));
    json.put("assignedAgent", entry.assignedAgent().orElse(null));
    return json;
  }

  private Conversation visibleConversation(Context ctx) {
    Agent agent = session(ctx).agent();
    ConversationId id = ConversationId.parse(ctx.pathParam("id")).orElseThrow(() -> ApiException.notFound("Conversation"));
    Conversation conversation = conversations.find(id).orElseThrow(() -> ApiException.notFound("Conversation"));
    boolean mine = conversation.isAssignedTo(agent.id());
    boolean myTeam = conversation.teamId().map(agent.teamIds()::contains).orElse(false);
    if (!mine && !myTeam && agent.role() == AgentRole.AGENT) {
      throw ApiException.notFound("Conversation");
    }
    return conversation;
  }

  private void conversation(Context ctx) {
    Conversation conversation = visibleConversation(ctx);
    if (conversation.state() != ConversationState.BOT) {
      audit.append(AuditEvent.of("agent:" + session(ctx).agent().id(), "packet_viewed", "conversation:" + conversation.id().value()));
    }
    var view = new LinkedHashMap<String, Object>(Json.mapper().convertValue(conversations.view(conversation), Map.class));
    conversations.customer(conversation.id()).ifPresent(customer -> {
      var customerJson = new LinkedHashMap<String, Object>();
      customerJson.put("name", customer.name().orElse(null));
      customerJson.put("email", customer.email().orElse(null));
      customerJson.put("phone", customer.phone().orElse(null));
      view.put("customer", customerJson);
    });
    var body = new LinkedHashMap<String, Object>();
    body.put("conversation", view);
    body.put("handoff", conversations.latestHandoff(conversation.id()).map(handoff -> {
      var json = new LinkedHashMap<String, Object>();
      json.put("reason", handoff.reason());
      json.put("detail", handoff.detail());
      json.put("team", conversations.team(handoff.teamId()).map(ConversationView.TeamView::of).orElse(null));
      json.put("createdAt", handoff.createdAt());
      json.put("tier", handoff.tierId().orElse(null));
      json.put("resolvedAt", handoff.resolvedAt().orElse(null));
      json.put("resolution", handoff.resolution().orElse(null));
      json.put("resolutionNote", handoff.resolutionNote().orElse(null));
      json.put("reusable", handoff.reusable());
      return json;
    }).orElse(null));
    // The packet and the decision log are stored as JSON; they go out as JSON, not as strings.
    body.put("packet", conversation.state() == ConversationState.BOT ? null
        : conversations.latestHandoff(conversation.id()).flatMap(Handoff::packetJson).map(Json::readTree).orElse(null));
    body.put("decisions", conversations.decisions(conversation.id()).stream().map(decision -> Json.readTree(decision.json())).toList());
    body.put("notes", conversations.notes(conversation.id()).stream().map(AgentRoutes::noteJson).toList());
    body.put("messages", conversations.transcript(conversation.id(), 0));
    ctx.json(body);
  }

  private void claim(Context ctx) {
    Conversation conversation = visibleConversation(ctx);
    Conversation claimed = conversations.claim(conversation.id(), session(ctx).agent().ref());
    ctx.json(Map.of("conversation", conversations.view(claimed)));
  }

  private void reply(Context ctx) {
    Conversation conversation = visibleConversation(ctx);
    JsonNode body = Json.readObject(ctx.body());
    JsonNode text = body.get("text");
    if (text == null || !text.isTextual()) {
      throw ApiException.badRequest("Field 'text' is required and must be a string.");
    }
    ctx.status(201).json(Map.of("message", conversations.postFromAgent(conversation.id(), session(ctx).agent().ref(), text.asText())));
  }

  private void typing(Context ctx) {
    Conversation conversation = visibleConversation(ctx);
    conversations.agentTyping(conversation.id(), session(ctx).agent().ref());
    ctx.status(204);
  }

  private void addNote(Context ctx) {
    Conversation conversation = visibleConversation(ctx);
    JsonNode text = Json.readObject(ctx.body()).get("text");
    if (text == null || !text.isTextual()) {
      throw ApiException.badRequest("Field 'text' is required and must be a string.");
    }
    AgentNote note = conversations.addNote(conversation, session(ctx).agent().ref(), text.asText());
    ctx.status(201).json(Map.of("note", noteJson(note)));
  }

  private static Map<String, Object> noteJson(AgentNote note) {
    return Map.of("id", note.id().toString(), "author", note.author().name(), "text", note.text(), "createdAt", note.createdAt().toString());
  }

  private void transfer(Context ctx) {
    Conversation conversation = visibleConversation(ctx);
    JsonNode body = Json.readObject(ctx.body());
    if (!body.path("teamId").isTextual() || !body.path("note").isTextual()) {
      throw ApiException.badRequest("Send 'teamId' (the team to pass it to) and 'note' (why, for the next agent).");
    }
    Conversation moved = conversations.transfer(conversation.id(), session(ctx).agent().ref(), body.get("teamId").asText(),
        body.get("note").asText());
    ctx.json(Map.of("conversation", conversations.view(moved)));
  }

  /** Body (optional): {@code {"note": "...", "reusable": true}}. */
  private void resolve(Context ctx) {
    Conversation conversation = visibleConversation(ctx);
    JsonNode body = ctx.body().isBlank() ? Json.readObject("{}") : Json.readObject(ctx.body());
    JsonNode note = body.path("note");
    JsonNode reusable = body.path("reusable");
    if ((!note.isMissingNode() && !note.isNull() && !note.isTextual()) || (!reusable.isMissingNode() && !reusable.isBoolean())) {
      throw ApiException.badRequest("'note' must be text and 'reusable' true or false.");
    }
    Conversation resolved = conversations.resolve(conversation.id(), session(ctx).agent().ref(),
        new ConversationStore.Resolution(Optional.ofNullable(note.isTextual() ? note.asText() : null), reusable.asBoolean(false)));
    ctx.json(Map.of("conversation", conversations.view(resolved)));
  }

  /** Body (optional): {@code {"note": "..."}} for the record. */
  private void handBack(Context ctx) {
    Conversation conversation = visibleConversation(ctx);
    JsonNode body = ctx.body().isBlank() ? Json.readObject("{}") : Json.readObject(ctx.body());
    JsonNode note = body.path("note");
    if (!note.isMissingNode() && !note.isNull() && !note.isTextual()) {
      throw ApiException.badRequest("'note' must be text.");
    }
    Conversation back = conversations.handBack(conversation.id(), session(ctx).agent().ref(),
        Optional.ofNullable(note.isTextual() ? note.asText() : null));
    ctx.json(Map.of("conversation", conversations.view(back)));
  }

  /** Supervisors: {@code {"agentId": "..."}} gives the conversation to that agent. */
  private void reassign(Context ctx) {
    requireRole(ctx, AgentRole.SUPERVISOR, AgentRole.ADMIN);
    Conversation conversation = visibleConversation(ctx);
    String agentId = Json.readObject(ctx.body()).path("agentId").asText("");
    Agent to = parseUuid(agentId).flatMap(agents::find)
        .orElseThrow(() -> ApiException.badRequest("Send 'agentId': the id of an existing agent."));
    if (conversation.teamId().isPresent() && !to.teamIds().contains(conversation.teamId().get())) {
      throw ApiException.badRequest(to.name() + " is not in the " + conversation.teamId().get()
          + " team; transfer the conversation to one of their teams instead.");
    }
    ctx.json(Map.of("conversation", conversations.view(conversations.reassign(conversation.id(), to.ref(), session(ctx).agent().ref()))));
  }

  static Optional<UUID> parseUuid(String text) {
    try {
      return Optional.of(UUID.fromString(text));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private void live(WsConfig ws) {
    ws.onConnect(this::connect);
    ws.onMessage(ctx -> {
      Listener listener = sockets.get(ctx.sessionId());
      if (listener != null && "{\"type\":\"ping\"}".equals(ctx.message().replace(" ", ""))) {
        listener.socket().send("{\"type\":\"pong\"}");
      }
    });
    ws.onClose(this::disconnect);
    ws.onError(this::disconnect);
  }

  private void connect(WsConnectContext ctx) {
    // Browsers send cookies on cross-site WebSocket upgrades; only our own pages may open this socket.
    String origin = ctx.header("Origin");
    if (origin != null && !sameHost(origin, ctx.header("Host"))) {
      ctx.closeSession(4403, "cross-origin agent sockets are not allowed");
      return;
    }
    String cookie = ctx.cookie(SESSION_COOKIE);
    Optional<AgentSession> session = cookie == null
        ? Optional.empty()
        : agents.useSession(SecureTokens.hash(cookie), clock.instant(), sessionLifetime.idle());
    if (session.isEmpty()) {
      ctx.closeSession(4401, "log in first");
      return;
    }
    Agent agent = session.get().agent();
    String agentId = agent.id().toString();
    ctx.enableAutomaticPings(20, TimeUnit.SECONDS);
    var socket = new LiveSocket(ctx);
    var check = new SessionCheck(SecureTokens.hash(cookie), session.get().expiresAt());
    sockets.put(ctx.sessionId(), new Listener(socket, bus.subscribe(ConversationEvents.AGENTS_TOPIC, json -> {
      if (EventBus.RESYNC.equals(json)) {
        socket.send(json);
        return;
      }
      // An open socket outlives the request that opened it: an ended session must stop receiving too.
      if (!check.stillValid()) {
        ctx.closeSession(4401, "session ended; log in again");
        return;
      }
      JsonNode event = Json.readTree(json);
      String type = event.path("type").asText();
      boolean forMe = agentId.equals(event.path("agentId").asText(null));
      boolean unclaimed = event.path("agentId").isNull() || event.path("agentId").isMissingNode();
      boolean forMyTeam = ("queue".equals(type) || unclaimed) && agent.teamIds().contains(event.path("teamId").asText(""));
      if (forMe || forMyTeam) {
        socket.send(json);
      }
    }), agent.id()));
    // An open console means the agent is there: online, and auto-assignment may start.
    setPresence(agent, Presence.ONLINE);
    socket.send("{\"type\":\"hello\"}");
  }

  /**
   * Whether a live socket's session is still good: its absolute end is known; logout, a password change
   * and idleness are looked up in the store at most once a minute. Thread-safe.
   */
  private final class SessionCheck {
    private final String tokenHash;
    private final Instant expiresAt;
    private volatile Instant checkedAt;
    private volatile boolean valid = true;

    SessionCheck(String tokenHash, Instant expiresAt) {
      this.tokenHash = tokenHash;
      this.expiresAt = expiresAt;
      this.checkedAt = clock.instant();
    }

    boolean stillValid() {
      Instant now = clock.instant();
      if (!valid || !now.isBefore(expiresAt)) {
        return valid = false;
      }
      if (now.isAfter(checkedAt.plus(Duration.ofMinutes(1)))) {
        checkedAt = now;
        valid = agents.findSession(tokenHash, now)
            .filter(found -> found.lastUsedAt().isAfter(now.minus(sessionLifetime.idle())))
            .isPresent();
      }
      return valid;
    }
  }

  private void disconnect(WsContext ctx) {
    Listener listener = sockets.remove(ctx.sessionId());
    if (listener != null) {
      listener.subscription().close();
      listener.socket().close();
      boolean stillOpen = sockets.values().stream().anyMatch(other -> other.agentId().equals(listener.agentId()));
      if (!stillOpen) {
        agents.find(listener.agentId()).ifPresent(agent -> setPresence(agent, Presence.OFFLINE));
      }
    }
  }

  /** Agents with a console open on this node; their sockets are their heartbeat. */
  public java.util.Set<UUID> connectedAgents() {
    return sockets.values().stream().map(Listener::agentId).collect(java.util.stream.Collectors.toSet());
  }

  private void setPresence(Agent agent, Presence presence) {
    agents.setPresence(agent.id(), presence, clock.instant());
    bus.publish(ConversationEvents.AGENTS_TOPIC, Json.write(Map.of("type", "presence", "agentId", agent.id().toString(),
        "presence", presence.wireName(), "teamIds", agent.teamIds())));
  }

  /**
   * The supervisor's view: every team's queue (how many wait, the longest wait, how it is worked) and
   * every agent's presence and load.
   */
  private void overview(Context ctx) {
    requireRole(ctx, AgentRole.SUPERVISOR, AgentRole.ADMIN);
    java.time.Instant now = clock.instant();
    List<AgentStatus> statuses = agents.statuses();
    var teamViews = new java.util.ArrayList<Map<String, Object>>();
    for (var team : conversations.teams()) {
      List<baton.conversation.QueueEntry> queued = conversations.queued(List.of(team.id()));
      var view = new LinkedHashMap<String, Object>();
      view.put("id", team.id());
      view.put("name", team.name());
      view.put("assignment", team.assignment().wireName());
      view.put("typicalReplyMinutes", team.typicalReplyMinutes());
      view.put("queued", queued.size());
      view.put("longestWaitSeconds", queued.stream().map(entry -> java.time.Duration.between(entry.queuedAt(), now).toSeconds())
          .max(Long::compare).orElse(0L));
      view.put("agentsOnline", statuses.stream().filter(agent -> agent.teamIds().contains(team.id()) && agent.presence() == Presence.ONLINE)
          .count());
      teamViews.add(view);
    }
    var agentViews = statuses.stream().map(agent -> {
      var view = new LinkedHashMap<String, Object>();
      view.put("id", agent.id().toString());
      view.put("name", agent.name());
      view.put("role", agent.role().wireName());
      view.put("presence", agent.presence().wireName());
      view.put("load", agent.load());
      view.put("capacity", agent.capacity());
      view.put("teams", agent.teamIds());
      view.put("lastSeen", agent.lastSeen().map(Object::toString).orElse(null));
      return view;
    }).toList();
    // Every open conversation, waiting or held, so a supervisor can see who holds what and move it.
    var open = new java.util.ArrayList<Map<String, Object>>();
    conversations.queued(conversations.teams().stream().map(team -> team.id()).toList()).forEach(entry -> open.add(queueJson(entry, now)));
    for (AgentStatus agent : statuses) {
      conversations.assignedTo(new baton.conversation.AgentRef(agent.id(), agent.name())).forEach(entry -> {
        var json = queueJson(entry, now);
        json.put("agentId", agent.id().toString());
        open.add(json);
      });
    }
    ctx.json(Map.of("teams", teamViews, "agents", agentViews, "conversations", open));
  }

  private void presence(Context ctx) {
    JsonNode body = Json.readObject(ctx.body());
    String status = body.path("status").asText("");
    if (!List.of("online", "away", "offline").contains(status)) {
      throw ApiException.badRequest("Send 'status': online, away or offline.");
    }
    Agent agent = session(ctx).agent();
    setPresence(agent, Presence.fromWire(status));
    ctx.json(Map.of("presence", status));
  }

  private static boolean sameHost(String origin, String host) {
    try {
      URI uri = URI.create(origin);
      String originHost = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
      return host != null && host.equalsIgnoreCase(originHost);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean sameSecret(String given, String expected) {
    return given != null && MessageDigest.isEqual(
        given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
  }

}
