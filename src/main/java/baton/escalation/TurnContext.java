package baton.escalation;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything the bot may know when it decides one customer turn: the customer's own details, the
 * transcript so far and the bot's earlier decisions. Built by the conversation feature from its store,
 * so the bot itself keeps no per-conversation state and any node can decide any turn.
 *
 * @param seq the sequence number of the customer message being decided
 * @param transcript every message before this one, oldest first
 * @param decisions the bot's earlier decisions in this conversation, oldest first
 */
public record TurnContext(String conversationId, String channel, Customer customer, long seq, String text,
    List<Line> transcript, List<DecisionRecord> decisions) {

  public TurnContext {
    requireNonNull(conversationId, "conversationId");
    requireNonNull(channel, "channel");
    requireNonNull(customer, "customer");
    requireNonNull(text, "text");
    transcript = List.copyOf(transcript);
    decisions = List.copyOf(decisions);
  }

  /** What the customer told us when the conversation started. */
  public record Customer(Optional<String> name, Optional<String> email, Optional<String> phone) {
    public static final Customer UNKNOWN = new Customer(Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** One message of the transcript; {@code author} is customer, bot, agent or system. */
  public record Line(long seq, String author, String authorName, String text, Instant createdAt, List<Cite> citations) {
    public Line {
      citations = List.copyOf(citations);
    }
  }

  /** A citation of a bot message. */
  public record Cite(String title, String url) {}

  /** A context with no history: the first turn of an anonymous web chat. */
  public static TurnContext firstTurn(String text) {
    return new TurnContext("00000000-0000-0000-0000-000000000000", "web", Customer.UNKNOWN, 2, text, List.of(), List.of());
  }

  /** The customer's earlier messages, oldest first. */
  public List<Line> earlierCustomerLines() {
    return transcript.stream().filter(line -> line.author().equals("customer")).toList();
  }

  /** The bot's last decision, if the bot has decided anything yet. */
  public Optional<DecisionRecord> lastDecision() {
    return decisions.isEmpty() ? Optional.empty() : Optional.of(decisions.getLast());
  }
}
