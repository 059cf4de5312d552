package baton.escalation;

import baton.spec.EscalationSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pre-handoff checklists: which one applies, what is already known, what to ask next, and whether a
 * reply answers the question. The bot asks only for what it does not know — details given earlier in
 * the conversation (an order number three turns back), at the start (name, email) or collected before
 * all count — one item at a time, each at most once; "skip" passes an optional item. Stateless.
 */
final class Checklists {
  private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+");
  private static final Pattern PHONE = Pattern.compile("\\+?\\d[\\d\\s().-]{6,}\\d");
  private static final Pattern SKIP = Pattern.compile(
      "(?i)^\\s*(?:skip|pass|no|none|n/?a|i don'?t (?:have|know)(?: it| one)?|not sure|rather not(?: say)?|prefer not to say)\\s*[.!]?\\s*$");

  private Checklists() {}

  /**
   * The checklist to run: the first one for this tier, else the first one for this topic. The tier
   * decides how the customer is reached (a callback needs a phone number whatever the topic).
   */
  static Optional<EscalationSpec.Checklist> applicable(EscalationSpec spec, EscalationSpec.Tier tier, String topic) {
    return spec.checklists().stream().filter(list -> list.tiers().contains(tier.id())).findFirst()
        .or(() -> spec.checklists().stream().filter(list -> list.topics().contains(topic)).findFirst());
  }

  /** Every checklist field whose value the conversation already holds, field → value. */
  static Map<String, String> known(EscalationSpec.Checklist checklist, TurnContext context, Map<String, String> collected) {
    Map<String, String> known = new LinkedHashMap<>(collected);
    for (EscalationSpec.Item item : checklist.items()) {
      if (known.containsKey(item.field())) {
        continue;
      }
      fromProfile(item, context.customer()).or(() -> fromTranscript(item, context)).ifPresent(value -> known.put(item.field(), value));
    }
    return known;
  }

  private static Optional<String> fromProfile(EscalationSpec.Item item, TurnContext.Customer customer) {
    return switch (item.field()) {
      case "name" -> customer.name();
      case "email" -> customer.email();
      case "phone" -> customer.phone();
      default -> item.validate().equals("email") ? customer.email()
          : item.validate().equals("phone") ? customer.phone() : Optional.empty();
    };
  }

  /** Only patterned items are found in free text: a bare "text" item could match anything. */
  private static Optional<String> fromTranscript(EscalationSpec.Item item, TurnContext context) {
    Pattern pattern = item.pattern().orElse(switch (item.validate()) {
      case "email" -> EMAIL;
      case "phone" -> PHONE;
      default -> null;
    });
    if (pattern == null) {
      return Optional.empty();
    }
    Optional<String> found = Optional.empty();
    for (TurnContext.Line line : context.earlierCustomerLines()) {
      found = found.or(() -> find(pattern, line.text()));
    }
    return found.or(() -> find(pattern, context.text()));
  }

  private static Optional<String> find(Pattern pattern, String text) {
    Matcher matcher = pattern.matcher(text);
    return matcher.find() ? Optional.of(matcher.group().strip()) : Optional.empty();
  }

  /** The next item to ask: not known, not asked before, not skipped. */
  static Optional<EscalationSpec.Item> nextToAsk(EscalationSpec.Checklist checklist, Map<String, String> known, Set<String> asked) {
    return checklist.items().stream()
        .filter(item -> !known.containsKey(item.field()) && !asked.contains(item.field()))
        .findFirst();
  }

  /** The items still missing once the conversation is handed off. */
  static List<EscalationSpec.Item> missing(EscalationSpec.Checklist checklist, Map<String, String> known) {
    return checklist.items().stream().filter(item -> !known.containsKey(item.field())).toList();
  }

  /** Whether the customer declined to give this detail. */
  static boolean isSkip(String reply) {
    return SKIP.matcher(reply).matches();
  }

  /** The value in a reply to the item's question, when the reply holds a valid one. */
  static Optional<String> accept(EscalationSpec.Item item, String reply) {
    if (isSkip(reply)) {
      return Optional.empty();
    }
    if (item.pattern().isPresent()) {
      return find(item.pattern().get(), reply);
    }
    return switch (item.validate().toLowerCase(Locale.ROOT)) {
      case "email" -> find(EMAIL, reply);
      case "phone" -> find(PHONE, reply);
      default -> reply.isBlank() || reply.length() > 500 ? Optional.empty() : Optional.of(reply.strip());
    };
  }
}
