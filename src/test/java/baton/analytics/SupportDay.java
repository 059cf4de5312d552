package baton.analytics;

import baton.conversation.ConversationId;
import baton.escalation.DecisionRecord;
import baton.platform.Json;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * A hand-built day of support, written as real rows (conversations, messages, the decision log as the
 * bot writes it, handoffs with their packets, ratings), so the store's SQL and the measures are tested
 * together. The conversations, all but G started on 2026-11-02 (UTC):
 *
 * <pre>
 * A web    bot only: answer, answer (returns-policy)                    idle since 09:05   rated good
 * B web    bot only: clarify, answer (shipping)                           idle since 09:22
 * C web    answer, clarify (repeat), handoff repeat → standard/support    created 09:50, handoff 10:00,
 *          claimed 10:04, agent reply 10:05, resolved 10:30              rated bad
 * D email  handoff human_request → urgent/billing on the first turn       created 10:58, handoff 11:00,
 *          claimed 11:10, agent reply 11:12, still with the agent
 * E web    answer, answer (loop), handoff loop → fell back to the email tier "offline"/support at 12:10
 *          (shipping), nobody has taken it yet
 * F web    answer (shipping), created 23:00, the customer still writing at 11:55 next day: not decided
 * G web    started 2026-11-01: outside the range
 * H web    handoff frustration → standard/support (billing) 13:00, claimed 13:02, agent reply 13:03,
 *          transferred to billing 13:10 (claimed 13:20), resolved 13:40; created 12:55
 * </pre>
 *
 * "Now" is 2026-11-03T12:00Z.
 */
final class SupportDay {
  static final Instant NOW = Instant.parse("2026-11-03T12:00:00Z");
  static final Instant FROM = Instant.parse("2026-11-02T00:00:00Z");
  static final Instant TO = Instant.parse("2026-11-03T00:00:00Z");

  final ConversationId a;
  final ConversationId b;
  final ConversationId c;
  final ConversationId d;
  final ConversationId e;
  final ConversationId f;
  final ConversationId g;
  final ConversationId h;

  private SupportDay(Jdbi jdbi) {
    jdbi.useHandle(handle -> {
      handle.execute("insert into teams (id, name, typical_reply_minutes, created_at) values ('support', 'Support', 5, ?)", FROM);
      handle.execute("insert into teams (id, name, typical_reply_minutes, created_at) values ('billing', 'Billing', 5, ?)", FROM);
    });
    Writer writer = new Writer(jdbi);
    a = writer.conversation("web", "BOT", at("02T09:00"), null);
    writer.turn(a, 1, at("02T09:01"), answer("/kb/returns-policy#window", "returns-policy"));
    writer.turn(a, 2, at("02T09:05"), answer("/kb/returns-policy#window", "returns-policy"));
    writer.rate(a, "good");

    b = writer.conversation("web", "BOT", at("02T09:20"), null);
    writer.turn(b, 1, at("02T09:21"), record("clarify", "probability between the bounds", null, signals("shipping")));
    writer.turn(b, 2, at("02T09:22"), answer("/kb/shipping#costs", "shipping"));

    c = writer.conversation("web", "RESOLVED", at("02T09:50"), at("02T10:30"));
    writer.turn(c, 1, at("02T09:51"), answer("/kb/returns-policy#window", "returns-policy"));
    Map<String, Object> repeat = signals("returns-policy");
    repeat.put("repeat", true);
    writer.turn(c, 2, at("02T09:55"), record("clarify", "probability between the bounds", null, repeat));
    writer.turn(c, 3, at("02T10:00"), record("handoff", "repeat", null, repeat));
    writer.handoff(c, "repeat", "standard", "support", at("02T10:00"), at("02T10:04"), null);
    writer.agentReply(c, at("02T10:05"));
    writer.rate(c, "bad");

    d = writer.conversation("email", "WITH_AGENT", at("02T10:58"), null);
    Map<String, Object> human = signals("billing");
    human.put("human_request", true);
    writer.turn(d, 1, at("02T11:00"), record("handoff", "human_request", 0, human));
    writer.handoff(d, "human_request", "urgent", "billing", at("02T11:00"), at("02T11:10"), null);
    writer.agentReply(d, at("02T11:12"));

    e = writer.conversation("web", "QUEUED", at("02T12:00"), null);
    writer.turn(e, 1, at("02T12:01"), answer("/kb/shipping#times", "shipping"));
    Map<String, Object> loop = signals("shipping");
    loop.put("loop", true);
    writer.turn(e, 2, at("02T12:05"), record("answer", "probability at or above the answer bound", "/kb/shipping#times", loop));
    writer.turn(e, 3, at("02T12:10"), record("handoff", "loop → fell back from Standard", null, loop));
    writer.handoff(e, "loop", "offline", "support", at("02T12:10"), null,
        "{\"escalation\": {\"rule\": \"loop → fell back from Standard\", \"tier\": {\"id\": \"offline\", \"channel\": \"email\"}}}");

    f = writer.conversation("web", "BOT", at("02T23:00"), null);
    writer.turn(f, 1, at("03T11:55"), answer("/kb/shipping#times", "shipping"));

    g = writer.conversation("web", "QUEUED", at("01T15:00"), null);
    writer.turn(g, 1, at("01T15:01"), record("handoff", "human_request", 0, human));
    writer.handoff(g, "human_request", "urgent", "billing", at("01T15:01"), null, null);

    h = writer.conversation("web", "RESOLVED", at("02T12:55"), at("02T13:40"));
    Map<String, Object> angry = signals("billing");
    angry.put("frustration", "high");
    writer.turn(h, 1, at("02T13:00"), record("handoff", "frustration == high", 1, angry));
    writer.handoff(h, "frustration", "standard", "support", at("02T13:00"), at("02T13:02"), null);
    writer.agentReply(h, at("02T13:03"));
    writer.handoff(h, "transfer", "standard", "billing", at("02T13:10"), at("02T13:20"), null);
  }

  static SupportDay writeTo(Jdbi jdbi) {
    return new SupportDay(jdbi);
  }

  static Instant at(String dayAndTime) {
    return Instant.parse("2026-11-" + dayAndTime + ":00Z");
  }

  static Map<String, Object> signals(String topic) {
    Map<String, Object> signals = new LinkedHashMap<>();
    signals.put("confidence", 0.5);
    signals.put("sentiment", 0.0);
    signals.put("frustration", "none");
    signals.put("repeat", false);
    signals.put("loop", false);
    signals.put("turns", 1);
    signals.put("human_request", false);
    signals.put("keyword", List.of());
    signals.put("topic", topic);
    signals.put("sensitive_data", false);
    return signals;
  }

  static DecisionRecord answer(String url, String topic) {
    return record("answer", "probability at or above the answer bound", url, signals(topic));
  }

  static DecisionRecord record(String action, String rule, Object ruleIndexOrUrl, Map<String, Object> signals) {
    Integer ruleIndex = ruleIndexOrUrl instanceof Integer index ? index : null;
    String url = ruleIndexOrUrl instanceof String text ? text : null;
    return new DecisionRecord(0, action, rule, ruleIndex, null, null, 0.5, signals, List.of(), List.of(), url, null, null, Map.of(),
        List.of(), null, null, null);
  }

  /** Writes rows the way the conversation feature lays them out. */
  private static final class Writer {
    private final Jdbi jdbi;
    private final Map<ConversationId, Long> lastSeq = new LinkedHashMap<>();

    Writer(Jdbi jdbi) {
      this.jdbi = jdbi;
    }

    ConversationId conversation(String channel, String state, Instant created, Instant resolved) {
      ConversationId id = ConversationId.random();
      UUID customer = UUID.randomUUID();
      jdbi.useHandle(handle -> {
        handle.createUpdate("insert into customers (id, created_at) values (:id, :at)").bind("id", customer).bind("at", created).execute();
        handle.createUpdate("insert into conversations (id, token_hash, channel, customer_id, state, last_seq, created_at, updated_at,"
                + " resolved_at) values (:id, 'x', :channel, :customer, :state, 0, :at, :at, :resolved)")
            .bind("id", id.value()).bind("channel", channel).bind("customer", customer).bind("state", state).bind("at", created)
            .bind("resolved", resolved).execute();
      });
      lastSeq.put(id, 0L);
      return id;
    }

    /** The customer's message, the bot's decision on it, and (unless it handed off) the bot's reply. */
    void turn(ConversationId id, int turn, Instant at, DecisionRecord decision) {
      long seq = message(id, "customer", at);
      jdbi.useHandle(handle -> handle.createUpdate("insert into decisions (conversation_id, seq, action, body, created_at)"
              + " values (:id, :seq, :action, :body, :at)")
          .bind("id", id.value()).bind("seq", seq).bind("action", decision.action()).bind("body", Json.write(decision)).bind("at", at)
          .execute());
      message(id, decision.action().equals("handoff") ? "system" : "bot", at);
    }

    void agentReply(ConversationId id, Instant at) {
      message(id, "agent", at);
    }

    private long message(ConversationId id, String author, Instant at) {
      long seq = lastSeq.merge(id, 1L, Long::sum);
      jdbi.useHandle(handle -> {
        handle.createUpdate("insert into messages (conversation_id, seq, author, body, citations, created_at)"
                + " values (:id, :seq, :author, 'text', '[]', :at)")
            .bind("id", id.value()).bind("seq", seq).bind("author", author).bind("at", at).execute();
        handle.createUpdate("update conversations set last_seq = :seq where id = :id").bind("id", id.value()).bind("seq", seq).execute();
      });
      return seq;
    }

    void handoff(ConversationId id, String reason, String tier, String team, Instant at, Instant claimed, String packet) {
      jdbi.useHandle(handle -> handle.createUpdate("insert into handoffs (id, conversation_id, team_id, reason, detail, created_at,"
              + " claimed_at, tier_id, packet) values (:hid, :id, :team, :reason, '', :at, :claimed, :tier, :packet)")
          .bind("hid", UUID.randomUUID()).bind("id", id.value()).bind("team", team).bind("reason", reason).bind("at", at)
          .bind("claimed", claimed).bind("tier", tier).bind("packet", packet).execute());
    }

    void rate(ConversationId id, String rating) {
      jdbi.useHandle(handle -> handle.createUpdate("insert into satisfaction_ratings (conversation_id, rating, rated_at)"
              + " values (:id, :rating, :at)").bind("id", id.value()).bind("rating", rating).bind("at", NOW).execute());
    }
  }
}
