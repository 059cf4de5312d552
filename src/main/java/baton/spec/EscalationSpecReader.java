package baton.spec;

import baton.platform.YamlPositions;
import baton.signals.ConditionException;
import baton.signals.ConditionParser;
import baton.signals.SignalCatalog;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonLocation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads and checks the escalation part of a spec: tiers, rules, keywords, topics and checklists.
 * Every problem is added with the position of the key it is about; nothing is thrown, so one load
 * reports all problems at once. When the spec lists no rules, {@link #DEFAULT_RULES} apply. Stateless.
 */
final class EscalationSpecReader {
  record RawEscalation(@JsonProperty("loopTurns") Integer loopTurns, List<RawRule> rules, Map<String, List<String>> keywords,
      List<RawTopic> topics) {}

  record RawRule(String when, String then, String tier, String reason) {}

  record RawTopic(String id, @JsonProperty("noGo") Boolean noGo, String tier, List<String> examples, List<String> keywords,
      List<String> articles, String skill) {}

  record RawTier(String id, String name, String channel, String team, @JsonProperty("targetMinutes") Integer targetMinutes,
      Boolean urgent, String fallback, String email, @JsonProperty("fallbackWhen") List<String> fallbackWhen, Integer priority,
      String webhook) {}

  record RawChecklist(String id, List<String> tiers, List<String> topics, List<RawItem> items) {}

  record RawItem(String field, String label, String ask, String pattern, String validate, Boolean required) {}

  /**
   * The rules that apply when a spec lists none: sensitive data, an ask for a person or high
   * frustration go to the fast lane; policy keywords, a repeated question or a conversation going in
   * circles go to a person in the default tier; everything else follows the confidence policy.
   */
  static final List<RawRule> DEFAULT_RULES = List.of(
      new RawRule("sensitive_data", "handoff", "urgent", "The customer shared sensitive data."),
      new RawRule("human_request or frustration == high", "handoff", "urgent", "The customer asked for a person or is very frustrated."),
      new RawRule("keyword", "handoff", null, "A policy keyword came up."),
      new RawRule("repeat", "handoff", null, "The customer is asking again what they asked before."),
      new RawRule("loop", "handoff", null, "The conversation is going in circles."));

  private static final Set<String> VALIDATORS = Set.of("text", "email", "phone");
  private static final String SLUG = "[a-z0-9][a-z0-9_-]{0,63}";

  private EscalationSpecReader() {}

  static EscalationSpec read(Path file, RawEscalation rawEscalation, List<RawTier> rawTiers, List<RawChecklist> rawChecklists,
      String defaultTeam, Integer teamReplyMinutes, String rawDefaultTier, Map<String, String> rawTemplates, String defaultTemplate,
      Set<String> teamIds, Map<String, JsonLocation> positions, UnaryOperator<String> at, List<String> problems) {
    RawEscalation escalation = rawEscalation == null ? new RawEscalation(null, null, null, null) : rawEscalation;
    List<EscalationSpec.Tier> tiers = tiers(rawTiers, defaultTeam, teamReplyMinutes, teamIds, at, problems);
    Set<String> tierIds = new HashSet<>();
    tiers.forEach(tier -> tierIds.add(tier.id()));
    String defaultTier = rawDefaultTier != null ? rawDefaultTier : tierIds.contains("standard") ? "standard" : tiers.isEmpty() ? "standard" : tiers.getFirst().id();
    if (!tiers.isEmpty() && !tierIds.contains(defaultTier)) {
      problems.add(at.apply("/handoff/defaultTier") + "handoff.defaultTier '" + defaultTier + "' is not one of the tiers " + tierIds);
    }
    for (int i = 0; i < tiers.size(); i++) {
      var fallback = tiers.get(i).fallback();
      if (fallback.isPresent() && !tierIds.contains(fallback.get())) {
        problems.add(at.apply("/tiers/" + i + "/fallback") + "tier '" + tiers.get(i).id() + "' falls back to unknown tier '" + fallback.get()
            + "'; known: " + tierIds);
      }
    }

    Map<String, List<String>> keywords = new LinkedHashMap<>();
    if (escalation.keywords() != null) {
      escalation.keywords().forEach((group, phrases) -> {
        if (!group.matches(SLUG)) {
          problems.add(at.apply("/escalation/keywords/" + group) + "keyword group '" + group + "' must be a lower-case name");
        } else if (phrases == null || phrases.isEmpty() || phrases.stream().anyMatch(phrase -> phrase == null || phrase.isBlank())) {
          problems.add(at.apply("/escalation/keywords/" + group) + "keyword group '" + group + "' needs a list of phrases");
        } else {
          keywords.put(group, List.copyOf(phrases));
        }
      });
    }

    List<EscalationSpec.Topic> topics = new ArrayList<>();
    Set<String> topicIds = new HashSet<>();
    List<RawTopic> rawTopics = escalation.topics() == null ? List.of() : escalation.topics();
    for (int i = 0; i < rawTopics.size(); i++) {
      RawTopic topic = rawTopics.get(i);
      String topicAt = "/escalation/topics/" + i;
      if (topic.id() == null || !topic.id().matches(SLUG)) {
        problems.add(at.apply(topicAt + "/id") + "topic id '" + topic.id() + "' must be a lower-case name");
        continue;
      }
      if (!topicIds.add(topic.id())) {
        problems.add(at.apply(topicAt + "/id") + "topic '" + topic.id() + "' is listed twice");
      }
      if (topic.tier() != null && !tierIds.contains(topic.tier())) {
        problems.add(at.apply(topicAt + "/tier") + "topic '" + topic.id() + "' names unknown tier '" + topic.tier() + "'; known: " + tierIds);
      }
      List<String> examples = topic.examples() == null ? List.of() : topic.examples();
      List<String> topicKeywords = topic.keywords() == null ? List.of() : topic.keywords();
      List<String> articles = topic.articles() == null ? List.of() : topic.articles();
      if (examples.isEmpty() && topicKeywords.isEmpty() && articles.isEmpty()) {
        problems.add(at.apply(topicAt) + "topic '" + topic.id() + "' needs examples, keywords or articles to be recognised by");
      }
      if (topic.skill() != null && !topic.skill().matches(SLUG)) {
        problems.add(at.apply(topicAt + "/skill") + "topic '" + topic.id() + "' skill '" + topic.skill()
            + "' must be a lower-case name, e.g. refunds");
      }
      topics.add(new EscalationSpec.Topic(topic.id(), Boolean.TRUE.equals(topic.noGo()), Optional.ofNullable(topic.tier()), examples,
          topicKeywords, articles, Optional.ofNullable(topic.skill())));
    }

    boolean defaults = escalation.rules() == null;
    List<RawRule> rawRules = defaults ? DEFAULT_RULES : escalation.rules();
    List<EscalationSpec.Rule> rules = new ArrayList<>();
    SignalCatalog catalog = SignalCatalog.standard();
    for (int i = 0; i < rawRules.size(); i++) {
      RawRule rule = rawRules.get(i);
      String ruleAt = "/escalation/rules/" + i;
      String when = rule.when() == null ? "" : rule.when();
      JsonLocation value = positions.get(ruleAt + "/when" + YamlPositions.VALUE);
      String where = defaults ? file + ":1:1: default rule " + (i + 1) + ": "
          : value == null ? at.apply(ruleAt + "/when") : YamlPositions.at(file, value);
      try {
        ConditionParser.parse(when, catalog);
      } catch (ConditionException e) {
        String position = defaults || value == null ? where
            : file + ":" + value.getLineNr() + ":" + (value.getColumnNr() + e.column() - 1) + ": ";
        problems.add(position + "rule " + (i + 1) + " when: " + e.getMessage());
      }
      EscalationSpec.Action action;
      try {
        action = EscalationSpec.Action.valueOf(String.valueOf(rule.then()).toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        problems.add(at.apply(ruleAt + "/then") + "rule " + (i + 1) + " then: '" + rule.then() + "' is not one of answer, clarify, collect, handoff");
        continue;
      }
      String tier = rule.tier();
      if (tier != null && !tierIds.contains(tier)) {
        if (defaults) {
          tier = null; // a default rule's fast lane falls back to the default tier when the spec has no "urgent"
        } else {
          problems.add(at.apply(ruleAt + "/tier") + "rule " + (i + 1) + " names unknown tier '" + tier + "'; known: " + tierIds);
        }
      }
      if (tier != null && action != EscalationSpec.Action.HANDOFF && action != EscalationSpec.Action.COLLECT) {
        problems.add(at.apply(ruleAt + "/tier") + "rule " + (i + 1) + ": only handoff and collect rules take a tier");
      }
      String reason = rule.reason() == null ? "The condition '" + when + "' held." : rule.reason();
      rules.add(new EscalationSpec.Rule(when, action, Optional.ofNullable(tier), reason, where));
    }

    List<EscalationSpec.Checklist> checklists = new ArrayList<>();
    List<RawChecklist> rawLists = rawChecklists == null ? List.of() : rawChecklists;
    for (int i = 0; i < rawLists.size(); i++) {
      RawChecklist list = rawLists.get(i);
      String listAt = "/checklists/" + i;
      List<String> forTiers = list.tiers() == null ? List.of() : list.tiers();
      List<String> forTopics = list.topics() == null ? List.of() : list.topics();
      for (int t = 0; t < forTiers.size(); t++) {
        if (!tierIds.contains(forTiers.get(t))) {
          problems.add(at.apply(listAt + "/tiers/" + t) + "checklist '" + list.id() + "' names unknown tier '" + forTiers.get(t) + "'; known: " + tierIds);
        }
      }
      // Topics may be spec topics or knowledge article slugs (the topic signal falls back to the slug).
      for (int t = 0; t < forTopics.size(); t++) {
        if (forTopics.get(t) == null || !forTopics.get(t).matches("[a-z0-9][a-z0-9_-]{0,199}")) {
          problems.add(at.apply(listAt + "/topics/" + t) + "checklist '" + list.id() + "' topic '" + forTopics.get(t)
              + "' must be a topic id or an article slug (lower-case letters, digits, - and _)");
        }
      }
      List<EscalationSpec.Item> items = new ArrayList<>();
      List<RawItem> rawItems = list.items() == null ? List.of() : list.items();
      if (rawItems.isEmpty()) {
        problems.add(at.apply(listAt) + "checklist '" + list.id() + "' needs items");
      }
      Set<String> fields = new HashSet<>();
      for (int j = 0; j < rawItems.size(); j++) {
        RawItem item = rawItems.get(j);
        String itemAt = listAt + "/items/" + j;
        if (item.field() == null || !item.field().matches(SLUG)) {
          problems.add(at.apply(itemAt + "/field") + "checklist item field '" + item.field() + "' must be a lower-case name, e.g. order_id");
          continue;
        }
        if (!fields.add(item.field())) {
          problems.add(at.apply(itemAt + "/field") + "checklist '" + list.id() + "' asks for '" + item.field() + "' twice");
        }
        if (item.ask() == null || item.ask().isBlank()) {
          problems.add(at.apply(itemAt) + "checklist item '" + item.field() + "' needs 'ask': the question the bot asks");
        }
        Optional<Pattern> pattern = Optional.empty();
        if (item.pattern() != null) {
          try {
            pattern = Optional.of(Pattern.compile(item.pattern(), Pattern.CASE_INSENSITIVE));
          } catch (PatternSyntaxException e) {
            problems.add(at.apply(itemAt + "/pattern") + "checklist item '" + item.field() + "' pattern is not a valid regular expression: "
                + e.getDescription() + " near index " + e.getIndex());
          }
        }
        String validate = item.validate() == null ? "text" : item.validate();
        if (!VALIDATORS.contains(validate)) {
          problems.add(at.apply(itemAt + "/validate") + "checklist item '" + item.field() + "' validate: '" + validate + "' is not one of " + VALIDATORS);
        }
        String label = item.label() == null ? item.field().replace('_', ' ') : item.label();
        items.add(new EscalationSpec.Item(item.field(), label, item.ask() == null ? "" : item.ask(), pattern, validate,
            !Boolean.FALSE.equals(item.required())));
      }
      checklists.add(new EscalationSpec.Checklist(list.id() == null ? "checklist-" + (i + 1) : list.id(), forTiers, forTopics, items));
    }

    Map<EscalationSpec.Channel, String> templates = new EnumMap<>(EscalationSpec.Channel.class);
    for (EscalationSpec.Channel channel : EscalationSpec.Channel.values()) {
      templates.put(channel, defaultTemplate(channel, defaultTemplate));
    }
    if (rawTemplates != null) {
      rawTemplates.forEach((name, template) -> {
        try {
          templates.put(EscalationSpec.Channel.valueOf(name.toUpperCase(Locale.ROOT)), template);
        } catch (IllegalArgumentException e) {
          problems.add(at.apply("/handoff/templates/" + name) + "handoff template for unknown channel '" + name
              + "'; channels: live_chat, phone_callback, email, ticket");
        }
      });
    }
    int loopTurns = escalation.loopTurns() == null ? 6 : escalation.loopTurns();
    if (loopTurns < 2 || loopTurns > 100) {
      problems.add(at.apply("/escalation/loopTurns") + "escalation.loopTurns must be 2-100, not " + loopTurns);
    }
    return new EscalationSpec(tiers, defaultTier, rules, defaults, keywords, topics, checklists, loopTurns, templates);
  }

  private static String defaultTemplate(EscalationSpec.Channel channel, String liveTemplate) {
    return switch (channel) {
      case LIVE_CHAT -> liveTemplate;
      case PHONE_CALLBACK -> "I've asked the {team} team to call you back; they usually call within {wait}. "
          + "They will have this whole conversation in front of them.";
      case EMAIL -> "I've passed this to the {team} team by email; they usually reply within {wait}. "
          + "They will have this whole conversation, so there's no need to repeat anything.";
      case TICKET -> "I've opened a ticket with the {team} team; they usually reply within {wait}. "
          + "They will have this whole conversation, so there's no need to repeat anything.";
    };
  }

  private static List<EscalationSpec.Tier> tiers(List<RawTier> rawTiers, String defaultTeam, Integer teamReplyMinutes, Set<String> teamIds,
      UnaryOperator<String> at, List<String> problems) {
    List<EscalationSpec.Tier> tiers = new ArrayList<>();
    if (rawTiers == null || rawTiers.isEmpty()) {
      if (defaultTeam != null) {
        tiers.add(new EscalationSpec.Tier("standard", "Standard", EscalationSpec.Channel.LIVE_CHAT, defaultTeam,
            teamReplyMinutes == null ? 5 : teamReplyMinutes, false, Optional.empty(), Optional.empty()));
      }
      return tiers;
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < rawTiers.size(); i++) {
      RawTier tier = rawTiers.get(i);
      String tierAt = "/tiers/" + i;
      if (tier.id() == null || !tier.id().matches(SLUG)) {
        problems.add(at.apply(tierAt + "/id") + "tier id '" + tier.id() + "' must be a lower-case name, e.g. urgent");
        continue;
      }
      if (!seen.add(tier.id())) {
        problems.add(at.apply(tierAt + "/id") + "tier '" + tier.id() + "' is listed twice");
      }
      EscalationSpec.Channel channel = EscalationSpec.Channel.LIVE_CHAT;
      if (tier.channel() != null) {
        try {
          channel = EscalationSpec.Channel.valueOf(tier.channel().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
          problems.add(at.apply(tierAt + "/channel") + "tier '" + tier.id() + "' channel '" + tier.channel()
              + "' is not one of live_chat, phone_callback, email, ticket");
        }
      }
      String team = tier.team() == null ? defaultTeam : tier.team();
      if (team == null || !teamIds.contains(team)) {
        problems.add(at.apply(tierAt + "/team") + "tier '" + tier.id() + "' team '" + team + "' is not one of the teams " + teamIds);
      }
      int minutes = tier.targetMinutes() == null ? 10 : tier.targetMinutes();
      if (minutes < 1 || minutes > 43_200) {
        problems.add(at.apply(tierAt + "/targetMinutes") + "tier '" + tier.id() + "' targetMinutes must be 1-43200 (30 days), not " + minutes);
      }
      String name = tier.name() == null ? Character.toUpperCase(tier.id().charAt(0)) + tier.id().substring(1) : tier.name();
      if (tier.email() != null && !tier.email().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
        problems.add(at.apply(tierAt + "/email") + "tier '" + tier.id() + "' email '" + tier.email() + "' is not an email address");
      }
      if (channel == EscalationSpec.Channel.EMAIL && tier.email() == null) {
        problems.add(at.apply(tierAt) + "tier '" + tier.id() + "' sends email, so it needs 'email': the team inbox that receives the conversation");
      }
      java.util.Set<EscalationSpec.FallbackWhen> when = java.util.EnumSet.noneOf(EscalationSpec.FallbackWhen.class);
      List<String> rawWhen = tier.fallbackWhen() == null ? List.of() : tier.fallbackWhen();
      for (int w = 0; w < rawWhen.size(); w++) {
        try {
          when.add(EscalationSpec.FallbackWhen.valueOf(String.valueOf(rawWhen.get(w)).toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
          problems.add(at.apply(tierAt + "/fallbackWhen/" + w) + "tier '" + tier.id() + "' fallbackWhen '" + rawWhen.get(w)
              + "' is not one of unstaffed, over_promise");
        }
      }
      if (!when.isEmpty() && tier.fallback() == null) {
        problems.add(at.apply(tierAt + "/fallbackWhen") + "tier '" + tier.id() + "' has fallbackWhen but no fallback tier");
      }
      boolean urgent = tier.urgent() == null ? tier.id().equals("urgent") : tier.urgent();
      int priority = tier.priority() == null ? (urgent ? 1 : 5) : tier.priority();
      if (priority < 1 || priority > 9) {
        problems.add(at.apply(tierAt + "/priority") + "tier '" + tier.id() + "' priority must be 1 (served first) to 9, not " + priority);
      }
      tiers.add(new EscalationSpec.Tier(tier.id(), name, channel, team == null ? "" : team, minutes, urgent,
          Optional.ofNullable(tier.fallback()), Optional.ofNullable(tier.email()), when, priority, Optional.ofNullable(tier.webhook())));
      if (tier.webhook() != null && !tier.webhook().matches(SLUG)) {
        problems.add(at.apply(tierAt + "/webhook") + "tier '" + tier.id() + "' webhook '" + tier.webhook()
            + "' must be the lower-case name of an endpoint set with --webhook NAME=URL");
      }
    }
    return tiers;
  }
}
