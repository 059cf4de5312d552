package baton.tickets;

import baton.agent.Agent;
import baton.agent.AgentRole;
import baton.agent.AgentRoutes;
import baton.conversation.ConversationService;
import baton.conversation.ConversationStore;
import baton.conversation.ConversationView;
import baton.platform.ApiException;
import baton.platform.HttpRoutes;
import baton.platform.Json;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * {@code /api/agent/tickets}: the list, one ticket, take it, change its status. The agent routes'
 * session and CSRF checks cover these paths. Agents see the tickets of their teams and the ones they
 * hold; supervisors and admins see all. Taking and solving go through the conversation (claim,
 * resolve), which records them in the audit log; an open or pending mark is audited by the store.
 * Thread-safe.
 */
public final class TicketRoutes implements HttpRoutes {
  /** Enough for a team's working list; older solved tickets are in the conversations themselves. */
  private static final int LIST_LIMIT = 500;

  private final TicketStore tickets;
  private final ConversationService conversations;
  private final Clock clock;

  public TicketRoutes(TicketStore tickets, ConversationService conversations, Clock clock) {
    this.tickets = tickets;
    this.conversations = conversations;
    this.clock = clock;
  }

  @Override
  public void addTo(RoutesConfig routes) {
    routes.get("/api/agent/tickets", this::list);
    routes.get("/api/agent/tickets/{id}", ctx -> ctx.json(Map.of("ticket", json(visible(ctx), clock.instant()))));
    routes.post("/api/agent/tickets/{id}/take", this::take);
    routes.post("/api/agent/tickets/{id}/status", this::changeStatus);
  }

  private void list(Context ctx) {
    Agent agent = AgentRoutes.session(ctx).agent();
    String statusParam = ctx.queryParam("status");
    Optional<TicketStatus> status = statusParam == null || statusParam.isEmpty() ? Optional.empty()
        : Optional.of(TicketStatus.fromWire(statusParam).orElseThrow(
            () -> ApiException.badRequest("'status' must be open, pending or solved (or left out: open and pending).")));
    Predicate<Ticket> filter = ticket -> status.map(wanted -> ticket.status() == wanted).orElse(ticket.status() != TicketStatus.SOLVED);
    String team = ctx.queryParam("team");
    if (team != null && !team.isEmpty()) {
      if (conversations.team(team).isEmpty()) {
        throw ApiException.badRequest("No team '" + team + "'.");
      }
      filter = filter.and(ticket -> ticket.teamId().equals(Optional.of(team)));
    }
    String assignee = ctx.queryParam("assignee");
    if (assignee != null && !assignee.isEmpty()) {
      filter = filter.and(assignedTo(assignee, agent));
    }
    Instant now = clock.instant();
    boolean solved = status.equals(Optional.of(TicketStatus.SOLVED));
    // Sorted by due time by the store: soonest first, solved ones most recent first.
    List<Map<String, Object>> list = tickets.list(solved, LIST_LIMIT).stream()
        .filter(ticket -> maySee(agent, ticket)).filter(filter).map(ticket -> json(ticket, now)).toList();
    ctx.json(Map.of("tickets", list));
  }

  private static Predicate<Ticket> assignedTo(String assignee, Agent me) {
    if (assignee.equals("me")) {
      return ticket -> ticket.assignee().map(ref -> ref.id().equals(me.id())).orElse(false);
    }
    if (assignee.equals("none")) {
      return ticket -> ticket.assignee().isEmpty();
    }
    try {
      UUID id = UUID.fromString(assignee);
      return ticket -> ticket.assignee().map(ref -> ref.id().equals(id)).orElse(false);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("'assignee' must be me, none or an agent id.");
    }
  }

  private void take(Context ctx) {
    Agent agent = AgentRoutes.session(ctx).agent();
    Ticket ticket = visible(ctx);
    if (ticket.status() == TicketStatus.SOLVED) {
      throw ApiException.conflict("invalid_state", "This ticket is solved; it opens again when the customer writes.");
    }
    if (ticket.assignee().map(ref -> ref.id().equals(agent.id())).orElse(false)) {
      ctx.json(Map.of("ticket", json(ticket, clock.instant())));
      return;
    }
    conversations.claim(ticket.conversationId(), agent.ref());
    ctx.json(Map.of("ticket", json(reload(ticket), clock.instant())));
  }

  /** Body: {@code {"status": "open" | "pending" | "solved", "note": "..."}}; the note goes with a solve. */
  private void changeStatus(Context ctx) {
    Agent agent = AgentRoutes.session(ctx).agent();
    Ticket ticket = visible(ctx);
    JsonNode body = Json.readObject(ctx.body());
    TicketStatus status = TicketStatus.fromWire(body.path("status").asText(""))
        .orElseThrow(() -> ApiException.badRequest("Send 'status': open, pending or solved."));
    JsonNode note = body.path("note");
    if (!note.isMissingNode() && !note.isNull() && !note.isTextual()) {
      throw ApiException.badRequest("'note' must be text.");
    }
    if (ticket.status() == TicketStatus.SOLVED) {
      throw ApiException.conflict("invalid_state", "This ticket is solved; it opens again when the customer writes.");
    }
    switch (status) {
      case SOLVED -> conversations.resolve(ticket.conversationId(), agent.ref(),
          new ConversationStore.Resolution(Optional.ofNullable(note.isTextual() ? note.asText() : null), false));
      case OPEN, PENDING -> tickets.mark(ticket.id(), status, agent.ref());
    }
    ctx.json(Map.of("ticket", json(reload(ticket), clock.instant())));
  }

  private Ticket reload(Ticket ticket) {
    return tickets.find(ticket.id()).orElseThrow(() -> ApiException.notFound("Ticket"));
  }

  private Ticket visible(Context ctx) {
    Agent agent = AgentRoutes.session(ctx).agent();
    Ticket ticket = parse(ctx.pathParam("id")).flatMap(tickets::find).orElseThrow(() -> ApiException.notFound("Ticket"));
    if (!maySee(agent, ticket)) {
      throw ApiException.notFound("Ticket");
    }
    return ticket;
  }

  private static boolean maySee(Agent agent, Ticket ticket) {
    return agent.role() != AgentRole.AGENT
        || ticket.teamId().map(agent.teamIds()::contains).orElse(false)
        || ticket.assignee().map(ref -> ref.id().equals(agent.id())).orElse(false);
  }

  private static Optional<UUID> parse(String text) {
    try {
      return Optional.of(UUID.fromString(text));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private Map<String, Object> json(Ticket ticket, Instant now) {
    var json = new LinkedHashMap<String, Object>();
    json.put("id", ticket.id().toString());
    json.put("conversationId", ticket.conversationId().toString());
    json.put("reference", ticket.conversationId().reference());
    json.put("status", ticket.status().wireName());
    json.put("channel", ticket.channel());
    json.put("tier", ticket.tierId());
    json.put("team", ticket.teamId().flatMap(conversations::team).map(ConversationView.TeamView::of).orElse(null));
    json.put("customerName", ticket.customerName().orElse(null));
    json.put("subject", ticket.subject().orElse(null));
    json.put("assignee", ticket.assignee().map(ref -> Map.of("id", ref.id().toString(), "name", ref.name())).orElse(null));
    json.put("createdAt", ticket.createdAt());
    json.put("dueAt", ticket.dueAt());
    json.put("overdue", ticket.overdueAt(now));
    json.put("solvedAt", ticket.solvedAt().orElse(null));
    return json;
  }
}
