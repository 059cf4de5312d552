package baton.conversation;

import baton.compliance.Finding;
import baton.compliance.SecretScanner;
import baton.knowledge.LearnedEntry;
import baton.knowledge.LearnedKnowledge;
import baton.knowledge.LearningLoop;
import baton.platform.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a resolved conversation whose agent marked the answer reusable into a proposed knowledge entry
 * for the learning loop: the customer's questions from before the handoff, and the agent's answer (the
 * resolution note, else the agent's replies), with personal data removed.
 *
 * <p>What counts as a question: the customer's turns of the episode that ended in the handoff, minus
 * the turns that were not about the problem (asking for a person, answering a checklist question,
 * picking an offered option, saying thanks), which the bot's decision log tells apart. What is removed:
 * everything the secret scanner recognises, contact details and order numbers included (unlike in the
 * transcript, where support needs them), the masks' last digits, the customer's and agents' names, and
 * names introduced with "my name is". The supervisor reviews every proposal before it is answered from.
 * Thread-safe.
 */
public final class ReusableAnswers {
  private static final Pattern CARD_MASK = Pattern.compile("\\[(card|iban) •••• [0-9A-Za-z]{4}]");
  private static final Pattern INTRODUCTION = Pattern.compile(
      "\\b((?i:my name is|my name's|i am|i'm))\\s+\\p{Lu}[\\p{L}'-]*(\\s+\\p{Lu}[\\p{L}'-]*)?");
  private static final Pattern WORD = Pattern.compile("\\p{L}{2,}");

  private final ConversationService conversations;
  private final LearningLoop learning;
  private final Supplier<SecretScanner> secrets;

  public ReusableAnswers(ConversationService conversations, LearningLoop learning, Supplier<SecretScanner> secrets) {
    this.conversations = conversations;
    this.learning = learning;
    this.secrets = secrets;
  }

  /**
   * Proposes an entry when the conversation's latest handoff was resolved with a reusable answer.
   * Safe to call more than once: a handoff proposes at most one entry.
   */
  public Optional<LearnedEntry> consider(ConversationId id) {
    Optional<Handoff> latest = conversations.latestHandoff(id);
    if (latest.isEmpty() || !latest.get().reusable() || !latest.get().resolution().map("resolved"::equals).orElse(false)) {
      return Optional.empty();
    }
    Handoff handoff = latest.get();
    List<Message> transcript = conversations.transcript(id, 0);
    List<ConversationStore.StoredDecision> decisions = conversations.decisions(id);
    long handoffSeq = -1;
    long episodeStart = 0;
    for (ConversationStore.StoredDecision decision : decisions) {
      if (decision.action().equals("handoff") && !decision.createdAt().isAfter(handoff.createdAt())) {
        episodeStart = handoffSeq;
        handoffSeq = decision.seq();
      }
    }
    List<String> names = new ArrayList<>();
    conversations.customer(id).flatMap(CustomerProfile::name).ifPresent(names::add);
    List<String> questions = new ArrayList<>();
    List<String> agentReplies = new ArrayList<>();
    for (Message message : transcript) {
      if (message.author() == Author.AGENT && message.authorName() != null) {
        names.add(message.authorName());
      }
    }
    String previousAction = "";
    for (Message message : transcript) {
      if (message.author() == Author.CUSTOMER && message.seq() > episodeStart && message.seq() <= handoffSeq) {
        Optional<JsonNode> decision = decisions.stream().filter(stored -> stored.seq() == message.seq()).findFirst()
            .map(stored -> Json.readTree(stored.json()));
        if (aboutTheProblem(decision, previousAction)) {
          questions.add(message.text());
        }
        previousAction = decision.map(node -> node.path("action").asText("")).orElse("");
      } else if (message.author() == Author.AGENT && !message.createdAt().isBefore(handoff.createdAt())) {
        agentReplies.add(message.text());
      }
    }
    String answer = handoff.resolutionNote().orElse(String.join("\n\n", agentReplies));
    SecretScanner scanner = secrets.get();
    List<String> cleaned = questions.stream().map(text -> withoutPersonalData(scanner, text, names)).filter(ReusableAnswers::hasWords).toList();
    if (cleaned.isEmpty() || answer.isBlank()) {
      return Optional.empty();
    }
    return learning.propose(new LearnedKnowledge.Proposal(cleaned.getFirst(), cleaned, withoutPersonalData(scanner, answer, names),
        Optional.of(handoff.id()), Optional.of(id.value()), handoff.resolvedBy()));
  }

  /** A turn asking for a person, answering a checklist or picking an option is not a way of asking the question. */
  private static boolean aboutTheProblem(Optional<JsonNode> decision, String previousAction) {
    if (decision.isEmpty()) {
      return true;
    }
    JsonNode record = decision.get();
    String rule = record.path("rule").asText("");
    return !record.path("signals").path("human_request").asBoolean(false)
        && !previousAction.equals("collect")
        && !rule.equals("picked an offered option")
        && !rule.equals("the customer acknowledged");
  }

  /** Secrets, contact details, order numbers and names masked; card masks lose their last digits. */
  static String withoutPersonalData(SecretScanner scanner, String text, List<String> names) {
    StringBuilder out = new StringBuilder();
    int copied = 0;
    for (Finding finding : scanner.scan(text)) {
      out.append(text, copied, finding.start()).append('[').append(finding.kind().label()).append(']');
      copied = finding.end();
    }
    String masked = out.append(text.substring(copied)).toString();
    masked = CARD_MASK.matcher(masked).replaceAll(match -> "[" + match.group(1) + "]");
    Matcher introduction = INTRODUCTION.matcher(masked);
    masked = introduction.replaceAll(match -> Matcher.quoteReplacement(match.group(1) + " [name]"));
    for (String name : names) {
      for (String part : name.split("[\\s.]+")) {
        if (part.length() >= 2 && WORD.matcher(part).matches()) {
          masked = masked.replaceAll("(?i)(?<!\\p{L})" + Pattern.quote(part) + "(?!\\p{L})", "[name]");
        }
      }
    }
    return masked.replaceAll("\\[name](\\s+\\[name])+", "[name]").strip();
  }

  private static boolean hasWords(String text) {
    Matcher words = WORD.matcher(text.replaceAll("\\[[^]]*]", ""));
    int count = 0;
    while (words.find()) {
      count++;
    }
    return count >= 2;
  }
}
