package baton.conversation;

import baton.platform.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import baton.compliance.AuditEvent;
import baton.compliance.AuditLog;
import baton.compliance.JdbiAuditLog;
import baton.platform.SecureTokens;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * {@link ConversationStore} in plain SQL that runs on PostgreSQL and on H2 in PostgreSQL mode.
 *
 * <p>Sequence numbers: {@code append} first bumps {@code conversations.last_seq}; the update takes the
 * row lock, so concurrent appends to one conversation serialize there and each reads its own number.
 * State changes are {@code update … where state = :expected}: the row count tells who won a race.
 * Times are truncated to microseconds because PostgreSQL stores no finer. Thread-safe.
 */
public final class JdbiConversationStore implements ConversationStore {
  private static final TypeReference<List<Citation>> CITATIONS = new TypeReference<>() {};
  private static final String CONVERSATION_COLUMNS =
      "id, token_hash, channel, customer_id, state, team_id, assigned_agent_id, assigned_agent_name, last_seq,"
          + " created_at, updated_at, queued_at, priority, required_skill";
  private static final String MESSAGE_COLUMNS = "seq, author, author_name, body, created_at, citations, client_id";

  private final Jdbi jdbi;
  private final Clock clock;

  private final AuditLog audit;

  /** Writes its audit entries to the audit log of the same database. */
  public JdbiConversationStore(Jdbi jdbi, Clock clock) {
    this(jdbi, clock, new JdbiAuditLog(jdbi, clock));
  }

  /**
   * Every state change and decision appends its audit entry inside the transaction that commits it, so
   * the log never claims what did not happen nor misses what did.
   */
  public JdbiConversationStore(Jdbi jdbi, Clock clock, AuditLog audit) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.audit = audit;
  }

  /** Last in the transaction: the append holds the chain's lock until commit. */
  private void audit(Handle handle, String actor, String action, ConversationId id, Map<String, ?> details) {
    audit.append(handle, AuditEvent.of(actor, action, "conversation:" + id.value(), details));
  }

  private static String actor(AgentRef agent) {
    return "agent:" + agent.id();
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  @Override
  public Conversation start(String channel, CustomerProfile customer, String tokenHash) {
    Instant now = now();
    UUID customerId = UUID.randomUUID();
    ConversationId id = ConversationId.random();
    jdbi.useTransaction(handle -> {
      handle.createUpdate("insert into customers (id, name, email, phone, created_at) values (:id, :name, :email, :phone, :now)")
          .bind("id", customerId)
          .bind("name", customer.name().orElse(null))
          .bind("email", customer.email().orElse(null))
          .bind("phone", customer.phone().orElse(null))
          .bind("now", now)
          .execute();
      handle.createUpdate("insert into conversations (id, token_hash, channel, customer_id, state, last_seq, created_at, updated_at)"
              + " values (:id, :tokenHash, :channel, :customerId, 'BOT', 0, :now, :now)")
          .bind("id", id.value())
          .bind("tokenHash", tokenHash)
          .bind("channel", channel)
          .bind("customerId", customerId)
          .bind("now", now)
          .execute();
    });
    return new Conversation(id, tokenHash, channel, customerId, ConversationState.BOT, Optional.empty(), Optional.empty(),
        0, now, now, Optional.empty(), 5, Optional.empty());
  }

  @Override
  public Optional<Conversation> find(ConversationId id) {
    return jdbi.withHandle(handle -> findIn(handle, id));
  }

  @Override
  public List<Conversation> findByIdPrefix(String hexPrefix, int limit) {
    if (!hexPrefix.matches("[0-9a-f]{4,32}")) {
      return List.of();
    }
    return jdbi.withHandle(handle -> handle.createQuery("select " + CONVERSATION_COLUMNS + " from conversations"
            + " where cast(id as varchar(36)) like :prefix order by created_at limit :limit")
        .bind("prefix", hexPrefix + "%").bind("limit", limit)
        .map((rs, ctx) -> conversation(rs))
        .list());
  }

  private static Optional<Conversation> findIn(Handle handle, ConversationId id) {
    return handle.createQuery("select " + CONVERSATION_COLUMNS + " from conversations where id = :id")
        .bind("id", id.value())
        .map((rs, ctx) -> conversation(rs))
        .findOne();
  }

  @Override
  public Optional<CustomerProfile> customerOf(ConversationId id) {
    return jdbi.withHandle(handle -> handle.createQuery(
            "select c.name, c.email, c.phone from customers c join conversations v on v.customer_id = c.id where v.id = :id")
        .bind("id", id.value())
        .map((rs, ctx) -> new CustomerProfile(
            Optional.ofNullable(rs.getString("name")),
            Optional.ofNullable(rs.getString("email")),
            Optional.ofNullable(rs.getString("phone"))))
        .findOne());
  }

  @Override
  public Appended append(ConversationId id, NewMessage message) {
    try {
      return jdbi.inTransaction(handle -> appendIn(handle, id, message));
    } catch (UnableToExecuteStatementException e) {
      // Two retries with one client id raced past the duplicate check; the loser returns the winner's row.
      if (message.clientId().isPresent()) {
        Optional<Message> stored = jdbi.withHandle(handle -> byClientId(handle, id, message.clientId().get()));
        if (stored.isPresent()) {
          return new Appended(stored.get(), true);
        }
      }
      throw e;
    }
  }

  private Appended appendIn(Handle handle, ConversationId id, NewMessage message) {
    if (message.clientId().isPresent()) {
      Optional<Message> stored = byClientId(handle, id, message.clientId().get());
      if (stored.isPresent()) {
        if (findIn(handle, id).isEmpty()) {
          throw new ConversationNotFoundException(id);
        }
        return new Appended(stored.get(), true);
      }
    }
    return new Appended(insertMessage(handle, id, message), false);
  }

  private Message insertMessage(Handle handle, ConversationId id, NewMessage message) {
    Instant now = now();
    int bumped = handle.createUpdate("update conversations set last_seq = last_seq + 1, updated_at = :now where id = :id")
        .bind("id", id.value())
        .bind("now", now)
        .execute();
    if (bumped == 0) {
      throw new ConversationNotFoundException(id);
    }
    long seq = handle.createQuery("select last_seq from conversations where id = :id")
        .bind("id", id.value())
        .mapTo(Long.class)
        .one();
    handle.createUpdate("insert into messages (conversation_id, seq, author, author_name, agent_id, body, citations, client_id, created_at)"
            + " values (:id, :seq, :author, :authorName, cast(:agentId as uuid), :body, :citations, :clientId, :now)")
        .bind("id", id.value())
        .bind("seq", seq)
        .bind("author", message.author().wireName())
        .bind("authorName", message.authorName().orElse(null))
        .bind("agentId", message.agentId().map(UUID::toString).orElse(null))
        .bind("body", message.text())
        .bind("citations", Json.write(message.citations()))
        .bind("clientId", message.clientId().orElse(null))
        .bind("now", now)
        .execute();
    return new Message(seq, message.author(), message.authorName().orElse(null), message.text(), now, message.citations(),
        message.clientId().orElse(null));
  }

  private static Optional<Message> byClientId(Handle handle, ConversationId id, String clientId) {
    return handle.createQuery("select " + MESSAGE_COLUMNS + " from messages where conversation_id = :id and client_id = :clientId")
        .bind("id", id.value())
        .bind("clientId", clientId)
        .map((rs, ctx) -> message(rs))
        .findOne();
  }

  @Override
  public List<Message> messagesAfter(ConversationId id, long afterSeq, int limit) {
    return jdbi.withHandle(handle -> handle.createQuery(
            "select " + MESSAGE_COLUMNS + " from messages where conversation_id = :id and seq > :after order by seq limit :limit")
        .bind("id", id.value())
        .bind("after", afterSeq)
        .bind("limit", limit)
        .map((rs, ctx) -> message(rs))
        .list());
  }

  @Override
  public Optional<Message> handOff(ConversationId id, String teamId, String reason, String detail, NewMessage notice) {
    return handOff(id, new HandoffRequest(teamId, reason, detail, Optional.empty(), Optional.empty()), notice);
  }

  @Override
  public Optional<Message> handOff(ConversationId id, HandoffRequest request, NewMessage notice) {
    return jdbi.inTransaction(handle -> {
      Instant now = now();
      int changed = handle.createUpdate("update conversations set state = 'QUEUED', team_id = :team, queued_at = :now,"
              + " assigned_agent_id = null, assigned_agent_name = null, updated_at = :now, priority = :priority,"
              + " required_skill = :skill where id = :id and state = 'BOT'")
          .bind("id", id.value())
          .bind("team", request.teamId())
          .bind("now", now)
          .bind("priority", request.priority())
          .bind("skill", request.requiredSkill().orElse(null))
          .execute();
      if (changed == 0) {
        return Optional.<Message>empty();
      }
      handle.createUpdate("insert into handoffs (id, conversation_id, team_id, reason, detail, created_at, tier_id, packet, frustration)"
              + " values (:hid, :id, :team, :reason, :detail, :now, :tier, :packet, :frustration)")
          .bind("hid", UUID.randomUUID())
          .bind("frustration", request.frustration().orElse(null))
          .bind("id", id.value())
          .bind("team", request.teamId())
          .bind("reason", request.reason())
          .bind("detail", request.detail().length() > 2000 ? request.detail().substring(0, 2000) : request.detail())
          .bind("now", now)
          .bind("tier", request.tierId().orElse(null))
          .bind("packet", request.packetJson().orElse(null))
          .execute();
      Message inserted = insertMessage(handle, id, notice);
      audit(handle, "bot", "handoff", id, Map.of("team", request.teamId(), "tier", request.tierId().orElse(""), "reason", request.reason(),
          "priority", request.priority(), "skill", request.requiredSkill().orElse("")));
      return Optional.of(inserted);
    });
  }

  @Override
  public void recordOutputBlocked(ConversationId id, long seq, String rule) {
    jdbi.useTransaction(handle -> audit(handle, "bot", "output_blocked", id, Map.of("seq", seq, "rule", rule)));
  }

  @Override
  public void recordRedaction(ConversationId id, long seq, List<String> kinds) {
    jdbi.useTransaction(handle -> audit(handle, "system", "redaction", id, Map.of("seq", seq, "kinds", kinds)));
  }

  @Override
  public AgentNote addNote(ConversationId id, AgentRef author, String text) {
    var note = new AgentNote(UUID.randomUUID(), id, author, text, now());
    jdbi.useTransaction(handle -> {
      handle.createUpdate("insert into agent_notes (id, conversation_id, agent_id, agent_name, body, created_at)"
              + " values (:id, :conversation, :agent, :name, :body, :now)")
          .bind("id", note.id()).bind("conversation", id.value()).bind("agent", author.id()).bind("name", author.name())
          .bind("body", text).bind("now", note.createdAt()).execute();
      audit(handle, actor(author), "note_added", id, Map.of("note", note.id().toString()));
    });
    return note;
  }

  @Override
  public List<AgentNote> notes(ConversationId id) {
    return jdbi.withHandle(handle -> handle.createQuery(
            "select id, agent_id, agent_name, body, created_at from agent_notes where conversation_id = :id order by created_at, id")
        .bind("id", id.value())
        .map((rs, ctx) -> new AgentNote(rs.getObject("id", UUID.class), id,
            new AgentRef(rs.getObject("agent_id", UUID.class), rs.getString("agent_name")), rs.getString("body"), instant(rs, "created_at")))
        .list());
  }

  @Override
  public void recordDecision(ConversationId id, long seq, String action, String json) {
    jdbi.useTransaction(handle -> recordDecisionIn(handle, id, seq, action, json));
  }

  @Override
  public Optional<Message> recordDecisionWithReply(ConversationId id, long seq, String action, String json, NewMessage reply) {
    return jdbi.inTransaction(handle -> recordDecisionIn(handle, id, seq, action, json)
        ? Optional.of(insertMessage(handle, id, reply))
        : Optional.<Message>empty());
  }

  /** False when the message already had a decision. */
  private boolean recordDecisionIn(Handle handle, ConversationId id, long seq, String action, String json) {
    boolean exists = handle.createQuery("select count(*) from decisions where conversation_id = :id and seq = :seq")
        .bind("id", id.value()).bind("seq", seq).mapTo(Integer.class).one() > 0;
    if (exists) {
      return false;
    }
    handle.createUpdate("insert into decisions (conversation_id, seq, action, body, created_at) values (:id, :seq, :action, :body, :now)")
        .bind("id", id.value()).bind("seq", seq).bind("action", action).bind("body", json).bind("now", now()).execute();
    // The decision's own hash makes the decision log tamper-evident through the chain.
    audit(handle, "bot", "decision", id, Map.of("seq", seq, "action", action, "sha256", SecureTokens.hash(json)));
    return true;
  }

  @Override
  public List<StoredDecision> decisions(ConversationId id) {
    return jdbi.withHandle(handle -> handle.createQuery(
            "select seq, action, body, created_at from decisions where conversation_id = :id order by seq")
        .bind("id", id.value())
        .map((rs, ctx) -> new StoredDecision(rs.getLong("seq"), rs.getString("action"), rs.getString("body"), instant(rs, "created_at")))
        .list());
  }

  @Override
  public Optional<Message> claim(ConversationId id, AgentRef agent, NewMessage notice) {
    return jdbi.inTransaction(handle -> {
      if (!giveTo(handle, id, agent, now())) {
        return Optional.<Message>empty();
      }
      Message inserted = insertMessage(handle, id, notice);
      audit(handle, actor(agent), "claim", id, Map.of());
      return Optional.of(inserted);
    });
  }

  /**
   * QUEUED → WITH_AGENT for this agent, compare-and-set on the state, and the open handoff marked as
   * claimed: what a claim and an assignment both do. False when the conversation was no longer queued.
   */
  private static boolean giveTo(Handle handle, ConversationId id, AgentRef agent, Instant now) {
    int changed = handle.createUpdate("update conversations set state = 'WITH_AGENT', assigned_agent_id = :agent,"
            + " assigned_agent_name = :agentName, updated_at = :now where id = :id and state = 'QUEUED' and " + HAS_SKILL)
        .bind("id", id.value()).bind("agent", agent.id()).bind("agentName", agent.name()).bind("now", now).execute();
    if (changed == 0) {
      return false;
    }
    handle.createUpdate("update handoffs set claimed_by = :agent, claimed_at = :now where conversation_id = :id and claimed_by is null")
        .bind("id", id.value()).bind("agent", agent.id()).bind("now", now).execute();
    return true;
  }

  /** The conversation row needs no skill, or one the agent {@code :agent} holds. */
  private static final String HAS_SKILL = "(required_skill is null or exists (select 1 from agent_skills s"
      + " where s.agent_id = :agent and s.skill = conversations.required_skill))";

  @Override
  public Optional<Message> reassign(ConversationId id, AgentRef to, AgentRef by, NewMessage notice) {
    return jdbi.inTransaction(handle -> {
      Instant now = now();
      int changed = handle.createUpdate("update conversations set state = 'WITH_AGENT', assigned_agent_id = :agent,"
              + " assigned_agent_name = :agentName, updated_at = :now where id = :id and state in ('QUEUED', 'WITH_AGENT')")
          .bind("id", id.value()).bind("agent", to.id()).bind("agentName", to.name()).bind("now", now).execute();
      if (changed == 0) {
        return Optional.<Message>empty();
      }
      // The open handoff now belongs to the new agent: their reply clock starts now.
      handle.createUpdate("update handoffs set claimed_by = :agent, claimed_at = :now where conversation_id = :id and resolved_at is null")
          .bind("id", id.value()).bind("agent", to.id()).bind("now", now).execute();
      Message inserted = insertMessage(handle, id, notice);
      audit(handle, actor(by), "reassign", id, Map.of("to", to.id().toString()));
      return Optional.of(inserted);
    });
  }

  @Override
  public Optional<Assigned> assignNext(String teamId, AgentRef agent, int capacity, NewMessage notice) {
    return jdbi.inTransaction(handle -> {
      Instant now = now();
      // Lock the agent first: the capacity check and the assignment must see the same load.
      boolean exists = handle.createQuery("select id from agents where id = :agent for update")
          .bind("agent", agent.id()).mapTo(UUID.class).findOne().isPresent();
      if (!exists) {
        return Optional.<Assigned>empty();
      }
      int load = handle.createQuery("select count(*) from conversations where assigned_agent_id = :agent and state = 'WITH_AGENT'")
          .bind("agent", agent.id()).mapTo(Integer.class).one();
      if (load >= capacity) {
        return Optional.<Assigned>empty();
      }
      Optional<UUID> next = handle.createQuery("select id from conversations where state = 'QUEUED' and team_id = :team and "
              + HAS_SKILL + " order by priority, queued_at, id limit 1 for update skip locked")
          .bind("team", teamId).bind("agent", agent.id()).mapTo(UUID.class).findOne();
      if (next.isEmpty()) {
        return Optional.<Assigned>empty();
      }
      ConversationId id = new ConversationId(next.get());
      giveTo(handle, id, agent, now);
      Message inserted = insertMessage(handle, id, notice);
      audit(handle, "system", "assign", id, Map.of("agent", agent.id().toString(), "team", teamId));
      return Optional.of(new Assigned(id, inserted));
    });
  }

  @Override
  public List<Unanswered> unansweredAssignments(Instant now) {
    return jdbi.withHandle(handle -> handle.createQuery("select c.id, c.team_id, c.assigned_agent_id, c.assigned_agent_name, h.claimed_at,"
            + " t.typical_reply_minutes from conversations c"
            + " join handoffs h on h.conversation_id = c.id and h.claimed_at is not null and h.resolved_at is null"
            + " join teams t on t.id = c.team_id and t.assignment = 'auto'"
            + " where c.state = 'WITH_AGENT' and not exists (select 1 from messages m where m.conversation_id = c.id"
            + " and m.author = 'agent' and m.created_at >= h.claimed_at) order by h.claimed_at")
        .map((rs, ctx) -> new Object[] {new Unanswered(new ConversationId(rs.getObject("id", UUID.class)), rs.getString("team_id"),
            new AgentRef(rs.getObject("assigned_agent_id", UUID.class), rs.getString("assigned_agent_name")), instant(rs, "claimed_at")),
            rs.getInt("typical_reply_minutes")})
        .list().stream()
        .filter(row -> ((Unanswered) row[0]).assignedAt().plus(java.time.Duration.ofMinutes((Integer) row[1])).isBefore(now))
        .map(row -> (Unanswered) row[0])
        .toList());
  }

  @Override
  public Optional<Message> transfer(ConversationId id, AgentRef from, String toTeam, String note, NewMessage notice) {
    return jdbi.inTransaction(handle -> {
      Instant now = now();
      // A person chose the team: the topic's skill requirement no longer applies (it could strand the
      // conversation in a team where nobody holds it); the tier's priority does.
      int changed = handle.createUpdate("update conversations set state = 'QUEUED', team_id = :team, queued_at = :now,"
              + " assigned_agent_id = null, assigned_agent_name = null, updated_at = :now, required_skill = null"
              + " where id = :id and state = 'WITH_AGENT' and assigned_agent_id = :agent")
          .bind("id", id.value()).bind("team", toTeam).bind("agent", from.id()).bind("now", now).execute();
      if (changed == 0) {
        return Optional.<Message>empty();
      }
      Optional<String[]> previous = handle.createQuery("select tier_id, packet, frustration from handoffs where conversation_id = :id"
              + " order by created_at desc limit 1")
          .bind("id", id.value()).map((rs, ctx) -> new String[] {rs.getString("tier_id"), rs.getString("packet"), rs.getString("frustration")})
          .findOne();
      handle.createUpdate("update handoffs set resolved_at = :now, resolution = 'transferred', resolved_by = :agent"
              + " where conversation_id = :id and resolved_at is null")
          .bind("id", id.value()).bind("now", now).bind("agent", from.id()).execute();
      String detail = "Transferred by " + from.name() + ": " + note;
      handle.createUpdate("insert into handoffs (id, conversation_id, team_id, reason, detail, created_at, tier_id, packet, frustration)"
              + " values (:hid, :id, :team, 'transfer', :detail, :now, :tier, :packet, :frustration)")
          .bind("hid", UUID.randomUUID()).bind("id", id.value()).bind("team", toTeam)
          .bind("detail", detail.length() > 2000 ? detail.substring(0, 2000) : detail)
          .bind("now", now).bind("tier", previous.map(row -> row[0]).orElse(null)).bind("packet", previous.map(row -> row[1]).orElse(null))
          .bind("frustration", previous.map(row -> row[2]).orElse(null))
          .execute();
      Message inserted = insertMessage(handle, id, notice);
      audit(handle, actor(from), "transfer", id, Map.of("team", toTeam));
      return Optional.of(inserted);
    });
  }

  @Override
  public Optional<Message> takeBack(ConversationId id, AgentRef agent, NewMessage notice) {
    return jdbi.inTransaction(handle -> {
      Instant now = now();
      int changed = handle.createUpdate("update conversations set state = 'QUEUED', assigned_agent_id = null, assigned_agent_name = null,"
              + " updated_at = :now where id = :id and state = 'WITH_AGENT' and assigned_agent_id = :agent and not exists"
              + " (select 1 from messages m where m.conversation_id = :id and m.author = 'agent' and m.agent_id = :agent"
              + " and m.created_at >= (select max(h.claimed_at) from handoffs h where h.conversation_id = :id))")
          .bind("id", id.value()).bind("agent", agent.id()).bind("now", now).execute();
      if (changed == 0) {
        return Optional.<Message>empty();
      }
      handle.createUpdate("update handoffs set claimed_by = null, claimed_at = null where conversation_id = :id and resolved_at is null")
          .bind("id", id.value()).execute();
      Message inserted = insertMessage(handle, id, notice);
      audit(handle, "system", "take_back", id, Map.of("agent", agent.id().toString()));
      return Optional.of(inserted);
    });
  }

  /*
   * The last :window handoffs of a team, asked on every handoff for the wait estimate; the cost must not
   * grow with the team's history. Ordered by the index's whole key (team_id is fixed) so the database
   * walks handoffs_team_resolved / handoffs_team_claimed backwards and stops after :window rows. The
   * range "<= :now" (not "is not null") is what makes H2 pick those indexes: with only the team fixed it
   * chose the foreign-key index on team_id and read and sorted all of the team's handoffs, 13,800 rows
   * per handoff after a 30-minute soak, half of the server's Java time (docs/benchmarks.md, "Soak").
   */
  static final String RECENT_HANDLE_TIMES = "select claimed_at, resolved_at from handoffs where team_id = :team"
      + " and claimed_at is not null and resolved_at <= :now order by team_id desc, resolved_at desc limit :window";
  static final String RECENT_PICKUP_TIMES = "select created_at, claimed_at from handoffs where team_id = :team"
      + " and claimed_at <= :now order by team_id desc, claimed_at desc limit :window";

  @Override
  public baton.routing.QueueSnapshot queueSnapshot(String teamId, int window) {
    return jdbi.withHandle(handle -> {
      int queued = handle.createQuery("select count(*) from conversations where state = 'QUEUED' and team_id = :team")
          .bind("team", teamId).mapTo(Integer.class).one();
      int capacity = 0;
      int free = 0;
      for (int[] agent : handle.createQuery("select a.capacity, (select count(*) from conversations c where c.assigned_agent_id = a.id"
              + " and c.state = 'WITH_AGENT') as load from agents a join agent_teams t on t.agent_id = a.id"
              + " where t.team_id = :team and a.presence = 'online'")
          .bind("team", teamId).map((rs, ctx) -> new int[] {rs.getInt("capacity"), rs.getInt("load")}).list()) {
        capacity += agent[0];
        free += Math.max(0, agent[0] - agent[1]);
      }
      Instant now = now();
      List<java.time.Duration> handleTimes = handle.createQuery(RECENT_HANDLE_TIMES)
          .bind("team", teamId).bind("window", window).bind("now", now)
          .map((rs, ctx) -> java.time.Duration.between(instant(rs, "claimed_at"), instant(rs, "resolved_at"))).list();
      List<java.time.Duration> pickupTimes = handle.createQuery(RECENT_PICKUP_TIMES)
          .bind("team", teamId).bind("window", window).bind("now", now)
          .map((rs, ctx) -> java.time.Duration.between(instant(rs, "created_at"), instant(rs, "claimed_at"))).list();
      return new baton.routing.QueueSnapshot(queued, capacity, free, handleTimes, pickupTimes);
    });
  }

  @Override
  public Optional<Message> resolve(ConversationId id, AgentRef agent, Resolution resolution, NewMessage notice) {
    return jdbi.inTransaction(handle -> {
      Instant now = now();
      int changed = handle.createUpdate("update conversations set state = 'RESOLVED', resolved_at = :now, updated_at = :now"
              + " where id = :id and state = 'WITH_AGENT' and assigned_agent_id = :agent")
          .bind("id", id.value())
          .bind("agent", agent.id())
          .bind("now", now)
          .execute();
      if (changed == 0) {
        return Optional.<Message>empty();
      }
      closeHandoff(handle, id, agent, "resolved", resolution.note(), resolution.reusable(), now);
      Message inserted = insertMessage(handle, id, notice);
      audit(handle, actor(agent), "resolve", id, Map.of("reusable", resolution.reusable(), "note", resolution.note().isPresent()));
      return Optional.of(inserted);
    });
  }

  @Override
  public Optional<Message> handBack(ConversationId id, AgentRef agent, Optional<String> note, NewMessage notice) {
    return jdbi.inTransaction(handle -> {
      Instant now = now();
      int changed = handle.createUpdate("update conversations set state = 'BOT', team_id = null, assigned_agent_id = null,"
              + " assigned_agent_name = null, queued_at = null, updated_at = :now where id = :id and state = 'WITH_AGENT'"
              + " and assigned_agent_id = :agent")
          .bind("id", id.value()).bind("agent", agent.id()).bind("now", now).execute();
      if (changed == 0) {
        return Optional.<Message>empty();
      }
      closeHandoff(handle, id, agent, "handed_back", note, false, now);
      Message inserted = insertMessage(handle, id, notice);
      audit(handle, actor(agent), "hand_back", id, Map.of());
      return Optional.of(inserted);
    });
  }

  private static void closeHandoff(Handle handle, ConversationId id, AgentRef agent, String resolution, Optional<String> note,
      boolean reusable, Instant now) {
    handle.createUpdate("update handoffs set resolved_at = :now, resolution = :resolution, resolution_note = :note, reusable = :reusable,"
            + " resolved_by = :agent where conversation_id = :id and resolved_at is null")
        .bind("id", id.value()).bind("now", now).bind("resolution", resolution)
        .bind("note", note.map(text -> text.length() > 4000 ? text.substring(0, 4000) : text).orElse(null))
        .bind("reusable", reusable).bind("agent", agent.id()).execute();
  }

  @Override
  public boolean reopen(ConversationId id) {
    return jdbi.inTransaction(handle -> {
      boolean reopened = handle.createUpdate(
              "update conversations set state = 'BOT', team_id = null, assigned_agent_id = null, assigned_agent_name = null,"
                  + " queued_at = null, resolved_at = null, updated_at = :now where id = :id and state = 'RESOLVED'")
          .bind("id", id.value())
          .bind("now", now())
          .execute() == 1;
      if (reopened) {
        audit(handle, "system", "reopen", id, Map.of());
      }
      return reopened;
    });
  }

  @Override
  public List<QueueEntry> queued(Collection<String> teamIds) {
    if (teamIds.isEmpty()) {
      return List.of();
    }
    return jdbi.withHandle(handle -> handle.createQuery(queueSelect() + " where v.state = 'QUEUED' and v.team_id in (<teams>)"
            + " order by v.priority, v.queued_at, v.id")
        .bindList("teams", List.copyOf(teamIds))
        .map((rs, ctx) -> queueEntry(rs))
        .list());
  }

  @Override
  public List<QueueEntry> assignedTo(UUID agentId) {
    return jdbi.withHandle(handle -> handle.createQuery(queueSelect()
            + " where v.state = 'WITH_AGENT' and v.assigned_agent_id = :agent order by v.queued_at, v.id")
        .bind("agent", agentId)
        .map((rs, ctx) -> queueEntry(rs))
        .list());
  }

  private static String queueSelect() {
    return "select v.id, v.state, v.team_id, v.queued_at, v.priority, v.required_skill, v.assigned_agent_name, c.name as customer_name,"
        + " (select h.reason from handoffs h where h.conversation_id = v.id order by h.created_at desc limit 1) as reason,"
        + " (select h.tier_id from handoffs h where h.conversation_id = v.id order by h.created_at desc limit 1) as tier_id,"
        + " (select h.frustration from handoffs h where h.conversation_id = v.id order by h.created_at desc limit 1) as frustration,"
        + " (select m.body from messages m where m.conversation_id = v.id and m.author = 'customer'"
        + "   order by m.seq desc limit 1) as last_message"
        + " from conversations v join customers c on c.id = v.customer_id";
  }

  @Override
  public Optional<Handoff> latestHandoff(ConversationId id) {
    return jdbi.withHandle(handle -> handle.createQuery(
            "select id, team_id, reason, detail, created_at, claimed_by, claimed_at, tier_id, packet, resolved_at, resolution,"
                + " resolution_note, reusable, resolved_by from handoffs"
                + " where conversation_id = :id order by created_at desc limit 1")
        .bind("id", id.value())
        .map((rs, ctx) -> new Handoff(
            rs.getObject("id", UUID.class), id, rs.getString("team_id"), rs.getString("reason"), rs.getString("detail"),
            instant(rs, "created_at"), Optional.ofNullable(rs.getObject("claimed_by", UUID.class)),
            Optional.ofNullable(instantOrNull(rs, "claimed_at")), Optional.ofNullable(rs.getString("tier_id")),
            Optional.ofNullable(rs.getString("packet")), Optional.ofNullable(instantOrNull(rs, "resolved_at")),
            Optional.ofNullable(rs.getString("resolution")), Optional.ofNullable(rs.getString("resolution_note")), rs.getBoolean("reusable"),
            Optional.ofNullable(rs.getObject("resolved_by", UUID.class))))
        .findOne());
  }

  private static Conversation conversation(ResultSet rs) throws SQLException {
    UUID agentId = rs.getObject("assigned_agent_id", UUID.class);
    Optional<AgentRef> agent = agentId == null
        ? Optional.empty()
        : Optional.of(new AgentRef(agentId, rs.getString("assigned_agent_name")));
    return new Conversation(
        new ConversationId(rs.getObject("id", UUID.class)),
        rs.getString("token_hash"),
        rs.getString("channel"),
        rs.getObject("customer_id", UUID.class),
        ConversationState.valueOf(rs.getString("state")),
        Optional.ofNullable(rs.getString("team_id")),
        agent,
        rs.getLong("last_seq"),
        instant(rs, "created_at"),
        instant(rs, "updated_at"),
        Optional.ofNullable(instantOrNull(rs, "queued_at")),
        rs.getInt("priority"),
        Optional.ofNullable(rs.getString("required_skill")));
  }

  private static Message message(ResultSet rs) throws SQLException {
    List<Citation> citations;
    try {
      citations = Json.mapper().readValue(rs.getString("citations"), CITATIONS);
    } catch (JsonProcessingException e) {
      throw new SQLException("stored citations are not valid JSON", e);
    }
    return new Message(
        rs.getLong("seq"),
        Author.fromWire(rs.getString("author")),
        rs.getString("author_name"),
        rs.getString("body"),
        instant(rs, "created_at"),
        citations,
        rs.getString("client_id"));
  }

  private static QueueEntry queueEntry(ResultSet rs) throws SQLException {
    return new QueueEntry(
        new ConversationId(rs.getObject("id", UUID.class)),
        ConversationState.valueOf(rs.getString("state")),
        rs.getString("team_id"),
        Optional.ofNullable(rs.getString("customer_name")),
        Optional.ofNullable(rs.getString("reason")),
        instant(rs, "queued_at"),
        Optional.ofNullable(rs.getString("last_message")),
        rs.getInt("priority"),
        Optional.ofNullable(rs.getString("tier_id")),
        Optional.ofNullable(rs.getString("required_skill")),
        Optional.ofNullable(rs.getString("assigned_agent_name")),
        Optional.ofNullable(rs.getString("frustration")));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    return rs.getObject(column, OffsetDateTime.class).toInstant();
  }

  private static Instant instantOrNull(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
