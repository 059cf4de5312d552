package baton.analytics;

import baton.conversation.ConversationId;
import baton.platform.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link AnalyticsStore} in plain SQL for PostgreSQL and H2 in PostgreSQL mode. Reads the conversation
 * feature's tables without writing them; writes only {@code satisfaction_ratings}. A range is read in
 * five queries (conversations, decisions, handoffs, ratings) inside one transaction, so the facts are
 * one consistent snapshot; the measures are then computed in memory. Thread-safe.
 */
public final class JdbiAnalyticsStore implements AnalyticsStore {
  private static final Logger log = LoggerFactory.getLogger(JdbiAnalyticsStore.class);
  /** What the bot writes into a handoff's rule when a live tier's fallback took it (escalation.SupportBot). */
  private static final String FELL_BACK = "fell back from";
  private static final String IN_RANGE = " c.created_at >= :from and c.created_at < :to";

  private final Jdbi jdbi;

  public JdbiAnalyticsStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public List<ConversationFacts> conversationsCreated(Instant from, Instant to) {
    return jdbi.inTransaction(handle -> {
      Map<UUID, List<ConversationFacts.Turn>> turns = turns(handle, from, to);
      Map<UUID, List<ConversationFacts.HandoffFact>> handoffs = handoffs(handle, from, to);
      Map<UUID, Rating> ratings = ratings(handle, from, to);
      return handle.createQuery("select c.id, c.channel, c.state, c.created_at, c.resolved_at,"
              + " (select max(m.created_at) from messages m where m.conversation_id = c.id) as last_message_at"
              + " from conversations c where" + IN_RANGE + " order by c.created_at, c.id")
          .bind("from", from).bind("to", to)
          .map((rs, ctx) -> {
            UUID id = rs.getObject("id", UUID.class);
            Instant created = instant(rs, "created_at");
            return new ConversationFacts(new ConversationId(id), rs.getString("channel"), rs.getString("state"), created,
                Optional.ofNullable(instant(rs, "resolved_at")), Optional.ofNullable(instant(rs, "last_message_at")).orElse(created),
                turns.getOrDefault(id, List.of()), handoffs.getOrDefault(id, List.of()), Optional.ofNullable(ratings.get(id)));
          })
          .list();
    });
  }

  private static Map<UUID, List<ConversationFacts.Turn>> turns(Handle handle, Instant from, Instant to) {
    Map<UUID, List<ConversationFacts.Turn>> byConversation = new HashMap<>();
    handle.createQuery("select d.conversation_id, d.seq, d.action, d.body from decisions d join conversations c on c.id = d.conversation_id"
            + " where" + IN_RANGE + " order by d.conversation_id, d.seq")
        .bind("from", from).bind("to", to)
        .map((rs, ctx) -> {
          UUID id = rs.getObject("conversation_id", UUID.class);
          byConversation.computeIfAbsent(id, key -> new ArrayList<>())
              .add(turn(id, rs.getLong("seq"), rs.getString("action"), rs.getString("body")));
          return id;
        })
        .list();
    return byConversation;
  }

  /** A decision body is JSON of escalation.DecisionRecord; one that cannot be read counts with no signals. */
  private static ConversationFacts.Turn turn(UUID id, long seq, String action, String body) {
    JsonNode record;
    try {
      record = Json.mapper().readTree(body);
    } catch (JsonProcessingException e) {
      log.warn("unreadable decision {} of conversation {}; counted without its signals", seq, id);
      record = Json.mapper().createObjectNode();
    }
    JsonNode signals = record.path("signals");
    JsonNode keywords = signals.path("keyword");
    return new ConversationFacts.Turn(seq, action, record.path("rule").asText(""), textOrNull(record.path("answerUrl")),
        textOrNull(signals.path("topic")), signals.path("repeat").asBoolean(false), signals.path("loop").asBoolean(false),
        signals.path("human_request").asBoolean(false), signals.path("sensitive_data").asBoolean(false),
        keywords.isArray() && !keywords.isEmpty(), textOrNull(signals.path("frustration")));
  }

  private static Map<UUID, List<ConversationFacts.HandoffFact>> handoffs(Handle handle, Instant from, Instant to) {
    Map<UUID, List<ConversationFacts.HandoffFact>> byConversation = new HashMap<>();
    // Only the packets of handoffs that fell back are read (to learn the fallback tier's channel): the
    // others can be large and are not needed.
    handle.createQuery("select h.conversation_id, h.created_at, h.claimed_at, h.reason, h.tier_id, h.team_id,"
            + " case when h.packet like :fellBack then h.packet else null end as fallback_packet,"
            + " (select min(m.created_at) from messages m where m.conversation_id = h.conversation_id and m.author = 'agent'"
            + " and m.created_at >= h.created_at) as first_reply_at"
            + " from handoffs h join conversations c on c.id = h.conversation_id where" + IN_RANGE
            + " order by h.conversation_id, h.created_at, h.id")
        .bind("from", from).bind("to", to).bind("fellBack", "%" + FELL_BACK + "%")
        .map((rs, ctx) -> {
          UUID id = rs.getObject("conversation_id", UUID.class);
          byConversation.computeIfAbsent(id, key -> new ArrayList<>()).add(new ConversationFacts.HandoffFact(instant(rs, "created_at"),
              Optional.ofNullable(instant(rs, "claimed_at")), Optional.ofNullable(instant(rs, "first_reply_at")), rs.getString("reason"),
              rs.getString("tier_id"), rs.getString("team_id"), fellBackToOffline(rs.getString("fallback_packet"))));
          return id;
        })
        .list();
    return byConversation;
  }

  /** The packet's tier is where the handoff went: a fallback counts when that tier answers by email or ticket. */
  static boolean fellBackToOffline(String packet) {
    if (packet == null) {
      return false;
    }
    try {
      JsonNode escalation = Json.mapper().readTree(packet).path("escalation");
      String channel = escalation.path("tier").path("channel").asText("");
      return escalation.path("rule").asText("").contains(FELL_BACK) && (channel.equals("email") || channel.equals("ticket"));
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  private static Map<UUID, Rating> ratings(Handle handle, Instant from, Instant to) {
    Map<UUID, Rating> ratings = new HashMap<>();
    handle.createQuery("select r.conversation_id, r.rating from satisfaction_ratings r join conversations c on c.id = r.conversation_id"
            + " where" + IN_RANGE)
        .bind("from", from).bind("to", to)
        .map((rs, ctx) -> {
          UUID id = rs.getObject("conversation_id", UUID.class);
          Rating.parse(rs.getString("rating")).ifPresent(rating -> ratings.put(id, rating));
          return id;
        })
        .list();
    return ratings;
  }

  @Override
  public void rate(ConversationId id, Rating rating, Instant at) {
    // Delete then insert in one transaction: the same statement pair on both databases (no MERGE/ON CONFLICT split).
    jdbi.useTransaction(handle -> {
      // The conversation's row lock serializes two clicks at once, so neither insert meets the other's row.
      handle.createQuery("select id from conversations where id = :id for update").bind("id", id.value()).mapTo(UUID.class).findOne();
      handle.createUpdate("delete from satisfaction_ratings where conversation_id = :id").bind("id", id.value()).execute();
      handle.createUpdate("insert into satisfaction_ratings (conversation_id, rating, rated_at) values (:id, :rating, :at)")
          .bind("id", id.value()).bind("rating", rating.wireName()).bind("at", at.truncatedTo(ChronoUnit.MICROS)).execute();
    });
  }

  private static String textOrNull(JsonNode node) {
    return node.isTextual() ? node.asText() : null;
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
