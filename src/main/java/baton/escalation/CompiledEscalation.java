package baton.escalation;

import baton.knowledge.KnowledgeBase;
import baton.signals.Condition;
import baton.signals.ConditionParser;
import baton.signals.KeywordMatcher;
import baton.signals.SignalCatalog;
import baton.spec.BotSpec;
import baton.spec.EscalationSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The escalation part of a spec made ready to run: conditions parsed, keyword phrases compiled, topic
 * examples embedded. Built once per spec and knowledge pair (the spec loader has already validated
 * every condition, so parsing cannot fail here). Immutable and thread-safe.
 */
public final class CompiledEscalation {
  /** A spec rule with its parsed condition and its position in the spec's order. */
  record CompiledRule(EscalationSpec.Rule rule, int index, Condition condition) {}

  private final List<CompiledRule> rules;
  private final KeywordMatcher keywords;
  private final KeywordMatcher topicKeywords;
  private final Map<String, List<float[]>> topicExamples;

  private CompiledEscalation(List<CompiledRule> rules, KeywordMatcher keywords, KeywordMatcher topicKeywords,
      Map<String, List<float[]>> topicExamples) {
    this.rules = List.copyOf(rules);
    this.keywords = keywords;
    this.topicKeywords = topicKeywords;
    this.topicExamples = Map.copyOf(topicExamples);
  }

  static CompiledEscalation compile(BotSpec spec, KnowledgeBase knowledge) {
    EscalationSpec escalation = spec.escalation();
    SignalCatalog catalog = SignalCatalog.standard();
    List<CompiledRule> rules = new ArrayList<>();
    for (int i = 0; i < escalation.rules().size(); i++) {
      EscalationSpec.Rule rule = escalation.rules().get(i);
      rules.add(new CompiledRule(rule, i, ConditionParser.parse(rule.when(), catalog)));
    }
    Map<String, List<String>> byTopic = new LinkedHashMap<>();
    Map<String, List<float[]>> examples = new LinkedHashMap<>();
    // No-go topics first: when a message touches a no-go topic and another, safety wins.
    List<EscalationSpec.Topic> ordered = new ArrayList<>(escalation.topics().stream().filter(EscalationSpec.Topic::noGo).toList());
    ordered.addAll(escalation.topics().stream().filter(topic -> !topic.noGo()).toList());
    for (EscalationSpec.Topic topic : ordered) {
      if (!topic.keywords().isEmpty()) {
        byTopic.put(topic.id(), topic.keywords());
      }
      if (!topic.examples().isEmpty()) {
        examples.put(topic.id(), topic.examples().stream().map(knowledge::embed).toList());
      }
    }
    return new CompiledEscalation(rules, new KeywordMatcher(escalation.keywords()), new KeywordMatcher(byTopic), examples);
  }

  List<CompiledRule> rules() {
    return rules;
  }

  KeywordMatcher keywords() {
    return keywords;
  }

  KeywordMatcher topicKeywords() {
    return topicKeywords;
  }

  Map<String, List<float[]>> topicExamples() {
    return topicExamples;
  }
}
