package baton.tickets;

import baton.compliance.AuditEvent;
import baton.compliance.AuditLog;
import baton.conversation.AgentRef;
import baton.conversation.ConversationId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * {@link TicketStore} in SQL for PostgreSQL and H2 (PostgreSQL mode). Writes only {@code tickets};
 * reads the conversation, its handoffs and messages to derive the rest (see {@link TicketStatus#derive}).
 *
 * <p>A ticket's episode ends at the first handoff of its conversation, opened at or after the
 * ticket, that was resolved or handed back to the bot; transfers in between carry the ticket to
 * another team without ending it. Thread-safe.
 */
public final class JdbiTicketStore implements TicketStore {
  /** The handoffs that closed the ticket's episode, earliest first. */
  private static final String CLOSING = " from handoffs h where h.conversation_id = t.conversation_id and h.created_at >= t.created_at"
      + " and h.resolution in ('resolved', 'handed_back')";
  private static final String SELECT = "select t.id, t.conversation_id, t.tier_id, t.channel, t.subject, t.created_at, t.due_at,"
      + " t.mark, t.marked_at, c.state, c.team_id, c.assigned_agent_id, c.assigned_agent_name, u.name as customer_name,"
      + " (select min(h.resolved_at)" + CLOSING + ") as solved_at,"
      + " (select h.resolved_by" + CLOSING + " order by h.resolved_at limit 1) as solved_by,"
      + " (select a.name from agents a where a.id = (select h.resolved_by" + CLOSING + " order by h.resolved_at limit 1)) as solved_by_name,"
      + " (select h.team_id" + CLOSING + " order by h.resolved_at limit 1) as solved_team,"
      + " (select max(m.created_at) from messages m where m.conversation_id = t.conversation_id and m.author = 'customer') as last_customer,"
      + " (select max(m.created_at) from messages m where m.conversation_id = t.conversation_id and m.author = 'agent') as last_team"
      + " from tickets t join conversations c on c.id = t.conversation_id join customers u on u.id = c.customer_id";

  private final Jdbi jdbi;
  private final Clock clock;
  private final AuditLog audit;

  public JdbiTicketStore(Jdbi jdbi, Clock clock, AuditLog audit) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.audit = audit;
  }

  @Override
  public void open(Opened ticket) {
    jdbi.useTransaction(handle -> {
      boolean exists = handle.createQuery("select count(*) from tickets where id = :id").bind("id", ticket.handoffId())
          .mapTo(Integer.class).one() > 0;
      if (exists) {
        return;
      }
      handle.createUpdate("insert into tickets (id, conversation_id, tier_id, channel, subject, created_at, due_at)"
              + " values (:id, :conversation, :tier, :channel, :subject, :created, :due)")
          .bind("id", ticket.handoffId()).bind("conversation", ticket.conversationId().value()).bind("tier", ticket.tierId())
          .bind("channel", ticket.channel())
          .bind("subject", ticket.subject().map(text -> text.length() > 200 ? text.substring(0, 199) + "…" : text).orElse(null))
          .bind("created", ticket.createdAt().truncatedTo(ChronoUnit.MICROS)).bind("due", ticket.dueAt().truncatedTo(ChronoUnit.MICROS))
          .execute();
    });
  }

  @Override
  public List<Ticket> list(boolean solved, int limit) {
    String where = solved ? " where exists (select 1" + CLOSING + ") order by t.due_at desc, t.id"
        : " where not exists (select 1" + CLOSING + ") order by t.due_at, t.id";
    return jdbi.withHandle(handle -> handle.createQuery(SELECT + where + " limit :limit").bind("limit", limit)
        .map((rs, ctx) -> ticket(rs)).list());
  }

  @Override
  public Optional<Ticket> find(UUID id) {
    return jdbi.withHandle(handle -> handle.createQuery(SELECT + " where t.id = :id").bind("id", id)
        .map((rs, ctx) -> ticket(rs)).findOne());
  }

  @Override
  public void mark(UUID id, TicketStatus mark, AgentRef by) {
    if (mark == TicketStatus.SOLVED) {
      throw new IllegalArgumentException("solved is not a mark: resolve the conversation");
    }
    jdbi.useTransaction(handle -> {
      Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
      UUID conversation = handle.createQuery("select conversation_id from tickets where id = :id").bind("id", id)
          .mapTo(UUID.class).findOne().orElseThrow(() -> new IllegalArgumentException("no ticket " + id));
      handle.createUpdate("update tickets set mark = :mark, marked_at = :now, marked_by = :agent where id = :id")
          .bind("id", id).bind("mark", mark.wireName()).bind("now", now).bind("agent", by.id()).execute();
      audit.append(handle, AuditEvent.of("agent:" + by.id(), "ticket_status", "conversation:" + conversation,
          Map.of("ticket", id.toString(), "status", mark.wireName())));
    });
  }

  private static Ticket ticket(ResultSet rs) throws SQLException {
    Optional<Instant> solvedAt = instant(rs, "solved_at");
    Optional<TicketStatus> mark = Optional.ofNullable(rs.getString("mark")).flatMap(TicketStatus::fromWire);
    Instant createdAt = instant(rs, "created_at").orElseThrow();
    TicketStatus status = TicketStatus.derive(createdAt, solvedAt, instant(rs, "last_customer"), instant(rs, "last_team"), mark,
        instant(rs, "marked_at"));
    Optional<AgentRef> assignee;
    Optional<String> team;
    if (solvedAt.isPresent()) {
      UUID solver = rs.getObject("solved_by", UUID.class);
      assignee = solver == null ? Optional.empty() : Optional.of(new AgentRef(solver, Optional.ofNullable(rs.getString("solved_by_name")).orElse("")));
      team = Optional.ofNullable(rs.getString("solved_team"));
    } else {
      UUID holder = "WITH_AGENT".equals(rs.getString("state")) ? rs.getObject("assigned_agent_id", UUID.class) : null;
      assignee = holder == null ? Optional.empty() : Optional.of(new AgentRef(holder, rs.getString("assigned_agent_name")));
      team = Optional.ofNullable(rs.getString("team_id"));
    }
    return new Ticket(rs.getObject("id", UUID.class), new ConversationId(rs.getObject("conversation_id", UUID.class)),
        rs.getString("tier_id"), rs.getString("channel"), team, Optional.ofNullable(rs.getString("customer_name")),
        Optional.ofNullable(rs.getString("subject")), assignee, status, createdAt, instant(rs, "due_at").orElseThrow(), solvedAt);
  }

  private static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return Optional.ofNullable(value).map(OffsetDateTime::toInstant);
  }
}
