package baton.spec;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The escalation part of a bot spec: tiers, ordered rules, policy keywords, topics (some no-go),
 * pre-handoff checklists and the handoff copy per channel. Validated on load; see docs/bot-spec.md.
 *
 * @param loopTurns customer turns after which the conversation counts as going in circles
 */
public record EscalationSpec(
    List<Tier> tiers,
    String defaultTier,
    List<Rule> rules,
    boolean defaultRules,
    Map<String, List<String>> keywords,
    List<Topic> topics,
    List<Checklist> checklists,
    int loopTurns,
    Map<Channel, String> handoffTemplates) {

  public EscalationSpec {
    tiers = List.copyOf(tiers);
    requireNonNull(defaultTier, "defaultTier");
    rules = List.copyOf(rules);
    keywords = Map.copyOf(keywords);
    topics = List.copyOf(topics);
    checklists = List.copyOf(checklists);
    handoffTemplates = Map.copyOf(handoffTemplates);
  }

  /** How the customer reaches the humans of a tier. */
  public enum Channel {
    LIVE_CHAT, PHONE_CALLBACK, EMAIL, TICKET;

    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Whether a person joins this chat (live chat, callback) rather than replying later by email or ticket. */
    public boolean isLive() {
      return this == LIVE_CHAT || this == PHONE_CALLBACK;
    }
  }

  /**
   * A level of service: who takes over, how, and how fast.
   *
   * @param urgent urgent tiers are never delayed by a checklist's optional items
   * @param fallback the tier to move to when this one's queue cannot answer in time (routing)
   * @param email the team inbox an email tier sends the conversation and its packet to
   * @param fallbackWhen when a handoff goes to the fallback tier instead: nobody in the team is online
   *     ({@code UNSTAFFED}), or the live wait estimate exceeds this tier's target ({@code OVER_PROMISE})
   * @param priority place in a team's queue: 1 is served first; among equals, the longest waiting first.
   *     Urgent tiers default to 1, others to 5.
   * @param webhook the name of a webhook endpoint (server settings) that receives each handoff as a ticket
   */
  public record Tier(String id, String name, Channel channel, String team, int targetMinutes, boolean urgent,
      Optional<String> fallback, Optional<String> email, java.util.Set<FallbackWhen> fallbackWhen, int priority,
      Optional<String> webhook) {
    public Tier(String id, String name, Channel channel, String team, int targetMinutes, boolean urgent,
        Optional<String> fallback, Optional<String> email, java.util.Set<FallbackWhen> fallbackWhen, int priority) {
      this(id, name, channel, team, targetMinutes, urgent, fallback, email, fallbackWhen, priority, Optional.empty());
    }

    public Tier(String id, String name, Channel channel, String team, int targetMinutes, boolean urgent,
        Optional<String> fallback, Optional<String> email) {
      this(id, name, channel, team, targetMinutes, urgent, fallback, email, java.util.Set.of());
    }

    public Tier(String id, String name, Channel channel, String team, int targetMinutes, boolean urgent,
        Optional<String> fallback, Optional<String> email, java.util.Set<FallbackWhen> fallbackWhen) {
      this(id, name, channel, team, targetMinutes, urgent, fallback, email, fallbackWhen, urgent ? 1 : 5);
    }

    public Tier {
      requireNonNull(id, "id");
      requireNonNull(name, "name");
      requireNonNull(channel, "channel");
      requireNonNull(team, "team");
      requireNonNull(fallback, "fallback");
      requireNonNull(email, "email");
      requireNonNull(webhook, "webhook");
      fallbackWhen = java.util.Set.copyOf(fallbackWhen);
    }
  }

  /** Conditions under which a live tier hands over to its fallback tier. */
  public enum FallbackWhen { UNSTAFFED, OVER_PROMISE }

  /** What a rule makes the bot do. */
  public enum Action {
    ANSWER, CLARIFY, COLLECT, HANDOFF;

    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * One ordered rule: when the condition holds, the action. {@code where} is the file:line:column of
   * its condition, for messages about it.
   */
  public record Rule(String when, Action action, Optional<String> tier, String reason, String where) {
    public Rule {
      requireNonNull(when, "when");
      requireNonNull(action, "action");
      requireNonNull(tier, "tier");
      requireNonNull(reason, "reason");
      requireNonNull(where, "where");
    }
  }

  /**
   * A topic the bot recognises by example questions or keywords, or by the articles that cover it. A
   * no-go topic is never answered by the bot, whatever the confidence: it goes to {@code tier}.
   */
  public record Topic(String id, boolean noGo, Optional<String> tier, List<String> examples, List<String> keywords,
      List<String> articles, Optional<String> skill) {
    public Topic(String id, boolean noGo, Optional<String> tier, List<String> examples, List<String> keywords, List<String> articles) {
      this(id, noGo, tier, examples, keywords, articles, Optional.empty());
    }

    public Topic {
      requireNonNull(id, "id");
      requireNonNull(tier, "tier");
      requireNonNull(skill, "skill");
      examples = List.copyOf(examples);
      keywords = List.copyOf(keywords);
      articles = List.copyOf(articles);
    }
  }

  /** Details to gather before a handoff to one of {@code tiers} or about one of {@code topics}. */
  public record Checklist(String id, List<String> tiers, List<String> topics, List<Item> items) {
    public Checklist {
      requireNonNull(id, "id");
      tiers = List.copyOf(tiers);
      topics = List.copyOf(topics);
      items = List.copyOf(items);
    }
  }

  /**
   * One detail: {@code field} names it in the packet, {@code ask} is the bot's question, a reply must
   * match {@code pattern} (or the built-in check {@code validate}: email, phone, text) to be accepted.
   */
  public record Item(String field, String label, String ask, Optional<java.util.regex.Pattern> pattern, String validate,
      boolean required) {
    public Item {
      requireNonNull(field, "field");
      requireNonNull(label, "label");
      requireNonNull(ask, "ask");
      requireNonNull(pattern, "pattern");
      requireNonNull(validate, "validate");
    }
  }

  public Tier tier(String id) {
    return tiers.stream().filter(tier -> tier.id().equals(id)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no tier " + id));
  }

  public Optional<Topic> topic(String id) {
    return topics.stream().filter(topic -> topic.id().equals(id)).findFirst();
  }
}
