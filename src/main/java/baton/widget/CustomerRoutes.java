package baton.widget;

import baton.conversation.Conversation;
import baton.conversation.ConversationEvents;
import baton.conversation.ConversationId;
import baton.conversation.ConversationService;
import baton.conversation.CustomerProfile;
import baton.conversation.Message;
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
import io.javalin.http.Handler;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsContext;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * {@code /api/conversations/**}: start, post, read, and the live socket. Anyone on the internet can
 * call these, so each is rate limited before it does any work: every request and socket upgrade per
 * client address, starts per address, messages per conversation, frames per socket. A limited request
 * stores nothing and answers 429 with {@code Retry-After}; what was stored before stays. Thread-safe.
 */
public final class CustomerRoutes implements HttpRoutes {
  private static final Pattern CHANNEL = Pattern.compile("[a-z][a-z0-9_-]{0,31}");
  private final ConversationService conversations;
  private final EventBus bus;
  private final Map<String, Listener> listeners = new ConcurrentHashMap<>();

  /** Customer sockets still open on this node (a socket leaves when its close handshake ends). */
  public int openSockets() {
    return listeners.size();
  }
  private final RateLimits limits;
  private final RateLimiter perAddress;
  private final RateLimiter startsPerAddress;
  private final RateLimiter perConversation;
  private final java.time.Clock clock;

  private record Listener(LiveSocket socket, EventBus.Subscription subscription, ConversationId conversationId, RateLimiter frames) {}

  public CustomerRoutes(ConversationService conversations, EventBus bus, MeterRegistry meters, RateLimits limits, java.time.Clock clock) {
    this.conversations = conversations;
    this.bus = bus;
    this.limits = limits;
    this.perAddress = new RateLimiter(limits.perAddress(), limits.maxKeys(), clock);
    this.startsPerAddress = new RateLimiter(limits.startsPerAddress(), limits.maxKeys(), clock);
    this.perConversation = new RateLimiter(limits.perConversation(), limits.maxKeys(), clock);
    this.clock = clock;
    meters.gauge("baton.websockets.open", List.of(io.micrometer.core.instrument.Tag.of("side", "customer")), listeners, Map::size);
  }

  @Override
  public void addTo(RoutesConfig routes) {
    routes.before("/api/conversations", CustomerRoutes::allowAnyOrigin);
    routes.before("/api/conversations/*", CustomerRoutes::allowAnyOrigin);
    // The widget is a module script on other sites' pages; browsers fetch module scripts with CORS.
    routes.before("/widget/*", ctx -> ctx.header("Access-Control-Allow-Origin", "*"));
    routes.before("/api/conversations", this::limitAddress);
    routes.before("/api/conversations/*", this::limitAddress);
    routes.wsBeforeUpgrade("/api/conversations/*", this::limitAddress);
    Handler preflight = ctx -> ctx.status(204);
    routes.options("/api/conversations", preflight);
    routes.options("/api/conversations/{id}", preflight);
    routes.options("/api/conversations/{id}/messages", preflight);
    routes.post("/api/conversations", this::start);
    routes.get("/api/conversations/{id}", this::show);
    routes.post("/api/conversations/{id}/messages", this::post);
    routes.get("/api/conversations/{id}/messages", this::read);
    routes.ws("/api/conversations/{id}/live", this::live);
  }

  /** Customer calls carry a bearer token, not cookies, so any site may embed the widget safely. */
  private static void allowAnyOrigin(Context ctx) {
    ctx.header("Access-Control-Allow-Origin", "*");
    ctx.header("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
    ctx.header("Access-Control-Allow-Headers", "Authorization, Content-Type");
    ctx.header("Access-Control-Max-Age", "600");
    ctx.header("Access-Control-Expose-Headers", "Retry-After");
  }

  private void limitAddress(Context ctx) {
    if (ctx.method() == io.javalin.http.HandlerType.OPTIONS) {
      return;
    }
    perAddress.acquire(ClientAddress.of(ctx, limits.trustForwardedFor())).ifPresent(wait -> {
      throw ApiException.rateLimited("Too many requests from your address; try again in " + seconds(wait) + " s.", wait);
    });
  }

  private static long seconds(java.time.Duration wait) {
    return Math.max(1, (wait.toMillis() + 999) / 1000);
  }

  private void start(Context ctx) {
    startsPerAddress.acquire(ClientAddress.of(ctx, limits.trustForwardedFor())).ifPresent(wait -> {
      throw ApiException.rateLimited("Too many new conversations from your address; try again in " + seconds(wait) + " s.", wait);
    });
    JsonNode body = ctx.body().isBlank() ? Json.mapper().createObjectNode() : Json.readObject(ctx.body());
    String channel = optionalText(body, "channel", 32).orElse("web");
    if (!CHANNEL.matcher(channel).matches()) {
      throw ApiException.badRequest("Field 'channel' must be a short lower-case name such as \"web\".");
    }
    var profile = new CustomerProfile(optionalText(body, "name", 200), optionalText(body, "email", 320),
        optionalText(body, "phone", 64));
    ConversationService.Started started = conversations.start(channel, profile);
    var response = new LinkedHashMap<String, Object>();
    response.put("id", started.conversation().id().toString());
    response.put("token", started.token());
    response.put("state", started.conversation().state());
    response.put("greeting", started.greeting());
    ctx.status(201).json(response);
  }

  private void show(Context ctx) {
    Conversation conversation = authorize(ctx);
    ctx.json(Map.of("conversation", conversations.view(conversation)));
  }

  private void post(Context ctx) {
    Conversation conversation = authorize(ctx);
    perConversation.acquire(conversation.id().toString()).ifPresent(wait -> {
      throw ApiException.rateLimited("You are sending messages faster than we can read them; your message was not sent."
          + " Try again in " + seconds(wait) + " s.", wait);
    });
    JsonNode body = Json.readObject(ctx.body());
    JsonNode text = body.get("text");
    if (text == null || !text.isTextual()) {
      throw ApiException.badRequest("Field 'text' is required and must be a string.");
    }
    Optional<String> clientId = optionalText(body, "clientId", 64);
    ConversationService.CustomerPost posted = conversations.postFromCustomer(conversation, text.asText(), clientId);
    var response = new LinkedHashMap<String, Object>();
    response.put("message", posted.message());
    response.put("replies", posted.replies());
    response.put("state", posted.state());
    ctx.status(posted.duplicate() ? 200 : 201).json(response);
  }

  private void read(Context ctx) {
    Conversation conversation = authorize(ctx);
    long after = afterParam(ctx.queryParam("after"));
    var response = new LinkedHashMap<String, Object>();
    response.put("conversation", conversations.view(conversation));
    response.put("messages", conversations.transcript(conversation.id(), after));
    ctx.json(response);
  }

  private Conversation authorize(Context ctx) {
    ConversationId id = ConversationId.parse(ctx.pathParam("id")).orElseThrow(() -> ApiException.notFound("Conversation"));
    String header = ctx.header("Authorization");
    String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip() : null;
    Conversation conversation = conversations.find(id).orElseThrow(() -> ApiException.notFound("Conversation"));
    if (!SecureTokens.matches(token, conversation.tokenHash())) {
      throw ApiException.unauthorized("Send the conversation token as 'Authorization: Bearer <token>'.");
    }
    return conversation;
  }

  private void live(WsConfig ws) {
    ws.onConnect(this::connect);
    ws.onMessage(ctx -> {
      Listener listener = listeners.get(ctx.sessionId());
      if (listener == null) {
        return;
      }
      if (listener.frames().acquire("socket").isPresent()) {
        // Beyond the limit frames are dropped unread; a client that keeps going is not a widget.
        listener.socket().send("{\"type\":\"error\",\"error\":{\"code\":\"rate_limited\",\"message\":\"Too many frames; slow down.\"}}");
        return;
      }
      JsonNode frame;
      try {
        frame = Json.mapper().readTree(ctx.message());
      } catch (Exception e) {
        listener.socket().send("{\"type\":\"error\",\"error\":{\"code\":\"malformed_json\",\"message\":\"Frames must be JSON objects.\"}}");
        return;
      }
      String type = frame == null ? "" : frame.path("type").asText("");
      switch (type) {
        case "ping" -> listener.socket().send("{\"type\":\"pong\"}");
        case "typing" -> conversations.find(listener.conversationId()).ifPresent(conversations::customerTyping);
        default -> listener.socket().send(
            "{\"type\":\"error\",\"error\":{\"code\":\"invalid_request\",\"message\":\"Unknown frame type.\"}}");
      }
    });
    ws.onClose(ctx -> disconnect(ctx));
    ws.onError(ctx -> disconnect(ctx));
  }

  private void connect(WsConnectContext ctx) {
    Optional<ConversationId> id = ConversationId.parse(ctx.pathParam("id"));
    Optional<Conversation> conversation = id.flatMap(conversations::find);
    if (conversation.isEmpty()) {
      ctx.closeSession(4404, "unknown conversation");
      return;
    }
    if (!SecureTokens.matches(ctx.queryParam("token"), conversation.get().tokenHash())) {
      ctx.closeSession(4401, "wrong or missing token");
      return;
    }
    long after;
    try {
      after = afterParam(ctx.queryParam("after"));
    } catch (ApiException e) {
      ctx.closeSession(4400, "after must be a non-negative number");
      return;
    }
    ctx.enableAutomaticPings(20, TimeUnit.SECONDS);
    var socket = new LiveSocket(ctx);
    // Subscribe before reading the backlog, so nothing committed in between is missed; a message
    // that arrives both ways is sent twice and the client drops the repeat by its seq.
    EventBus.Subscription subscription = bus.subscribe(ConversationEvents.topicOf(id.get()), socket::send);
    listeners.put(ctx.sessionId(), new Listener(socket, subscription, id.get(), new RateLimiter(limits.framesPerSocket(), 1, clock)));
    var view = conversations.view(conversation.get());
    var state = new LinkedHashMap<String, Object>();
    state.put("type", "state");
    state.put("state", view.state());
    state.put("team", view.team());
    state.put("agent", view.agent());
    socket.send(Json.write(state));
    for (Message message : conversations.transcript(id.get(), after)) {
      socket.send(Json.write(Map.of("type", "message", "message", message)));
    }
  }

  private void disconnect(WsContext ctx) {
    Listener listener = listeners.remove(ctx.sessionId());
    if (listener != null) {
      listener.subscription().close();
      listener.socket().close();
    }
  }

  static long afterParam(String value) {
    if (value == null || value.isBlank()) {
      return 0;
    }
    try {
      long after = Long.parseLong(value.strip());
      if (after < 0) {
        throw ApiException.badRequest("Query parameter 'after' must be a non-negative number.");
      }
      return after;
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("Query parameter 'after' must be a non-negative number.");
    }
  }

  private static Optional<String> optionalText(JsonNode body, String field, int maxLength) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isTextual()) {
      throw ApiException.badRequest("Field '" + field + "' must be a string.");
    }
    String value = node.asText().strip();
    if (value.length() > maxLength) {
      throw ApiException.badRequest("Field '" + field + "' must be at most " + maxLength + " characters.");
    }
    return value.isEmpty() ? Optional.empty() : Optional.of(value);
  }
}
