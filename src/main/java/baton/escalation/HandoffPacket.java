package baton.escalation;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The context a person needs to take over without making the customer repeat anything: who the
 * customer is and how to reach them, what they want in their own words, what the bot tried and
 * cited, the details gathered, how they feel, why the bot escalated, what to do next, and the whole
 * transcript. Extractive only: every text here was written by the customer, the bot's sources or the
 * spec, never invented. Published as JSON Schema in docs/schemas/handoff-packet-v1.schema.json;
 * additive changes keep version 1.
 */
public record HandoffPacket(
    String schema,
    int version,
    String conversationId,
    Instant createdAt,
    String channel,
    Customer customer,
    Topic topic,
    Summary summary,
    SentimentTag sentiment,
    Escalation escalation,
    List<NextAction> nextBestActions,
    List<TurnContext.Line> transcript) {

  public static final String SCHEMA = "baton.handoff-packet";
  public static final int VERSION = 1;

  public HandoffPacket {
    nextBestActions = List.copyOf(nextBestActions);
    transcript = List.copyOf(transcript);
  }

  public record Customer(String name, String email, String phone, String accountId, List<String> orderIds) {
    public Customer {
      orderIds = List.copyOf(orderIds);
    }
  }

  public record Topic(String id, String title, String url) {}

  public record Summary(String request, List<Tried> botTried, List<Detail> details, List<Missing> missing) {
    public Summary {
      botTried = List.copyOf(botTried);
      details = List.copyOf(details);
      missing = List.copyOf(missing);
    }
  }

  public record Tried(String text, String title, String url) {}

  public record Detail(String field, String label, String value) {}

  public record Missing(String field, String label) {}

  public record SentimentTag(double score, String frustration, List<String> cues) {
    public SentimentTag {
      cues = List.copyOf(cues);
    }
  }

  public record Escalation(String rule, Integer ruleIndex, String action, String reason, TierView tier,
      Map<String, Object> signals) {
    public Escalation {
      signals = Map.copyOf(signals);
    }
  }

  public record TierView(String id, String name, String channel, String team, int targetMinutes) {}

  /** {@code kind} is "article" (with a url) or "ask" (a detail still missing). */
  public record NextAction(String kind, String text, String url) {}
}
