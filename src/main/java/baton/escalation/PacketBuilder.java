package baton.escalation;

import baton.knowledge.Candidate;
import baton.knowledge.Retrieval;
import baton.signals.HumanRequestDetector;
import baton.spec.EscalationSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds the {@link HandoffPacket} from what the conversation already holds. Extractive: the request
 * is the customer's own words, "bot tried" quotes the bot's own cited answers, details come from the
 * checklist or from the customer's messages. Stateless.
 */
final class PacketBuilder {
  private static final int TRIED_CHARS = 200;

  private PacketBuilder() {}

  static HandoffPacket build(TurnContext context, SignalReader.Reading reading, Map<String, Object> triggerSignals,
      EscalationSpec escalation, EscalationSpec.Tier tier,
      String teamName, HandoffReason reason, String rule, Integer ruleIndex, Map<String, String> known,
      Optional<EscalationSpec.Checklist> checklist, HumanRequestDetector humanRequests, Instant now) {
    List<String> orderIds = new ArrayList<>();
    String accountId = null;
    List<HandoffPacket.Detail> details = new ArrayList<>();
    for (var entry : known.entrySet()) {
      String label = checklist.flatMap(list -> list.items().stream().filter(item -> item.field().equals(entry.getKey())).findFirst())
          .map(EscalationSpec.Item::label).orElse(entry.getKey().replace('_', ' '));
      details.add(new HandoffPacket.Detail(entry.getKey(), label, entry.getValue()));
      if (entry.getKey().startsWith("order")) {
        orderIds.add(entry.getValue());
      }
      if (entry.getKey().startsWith("account")) {
        accountId = entry.getValue();
      }
    }
    List<HandoffPacket.Missing> missing = checklist.map(list -> Checklists.missing(list, known).stream()
        .map(item -> new HandoffPacket.Missing(item.field(), item.label())).toList()).orElse(List.of());
    TurnContext.Customer customer = context.customer();
    var who = new HandoffPacket.Customer(customer.name().orElse(known.get("name")),
        customer.email().orElse(known.get("email")), customer.phone().orElse(known.get("phone")), accountId, orderIds);

    List<HandoffPacket.Tried> tried = new ArrayList<>();
    Set<String> triedUrls = new LinkedHashSet<>();
    for (TurnContext.Line line : context.transcript()) {
      if (line.author().equals("bot") && line.citations().size() == 1) {
        TurnContext.Cite cite = line.citations().getFirst();
        String text = line.text().length() > TRIED_CHARS ? line.text().substring(0, TRIED_CHARS) + "…" : line.text();
        tried.add(new HandoffPacket.Tried(text, cite.title(), cite.url()));
        triedUrls.add(cite.url());
      }
    }

    List<HandoffPacket.NextAction> next = new ArrayList<>();
    Retrieval retrieval = reading.retrieval();
    for (Candidate candidate : retrieval.candidates()) {
      if (next.size() < 3 && !triedUrls.contains(candidate.passage().url()) && candidate.semantic() > 0.3) {
        next.add(new HandoffPacket.NextAction("article", candidate.passage().citationTitle(), candidate.passage().url()));
      }
    }
    missing.forEach(item -> next.add(new HandoffPacket.NextAction("ask", "Ask for the " + item.label().toLowerCase(java.util.Locale.ROOT), null)));

    HandoffPacket.Topic topic = topic(reading, escalation);
    var felt = new HandoffPacket.SentimentTag(Math.round(reading.signals().sentiment() * 1000) / 1000.0,
        reading.signals().frustration().name().toLowerCase(java.util.Locale.ROOT), reading.signals().frustrationCues());
    var tierView = new HandoffPacket.TierView(tier.id(), tier.name(), tier.channel().wireName(), teamName, tier.targetMinutes());
    var why = new HandoffPacket.Escalation(rule, ruleIndex, "handoff", reason.wireName(), tierView, triggerSignals);
    List<TurnContext.Line> transcript = new ArrayList<>(context.transcript());
    transcript.add(new TurnContext.Line(context.seq(), "customer", customer.name().orElse(null), context.text(), now, List.of()));
    return new HandoffPacket(HandoffPacket.SCHEMA, HandoffPacket.VERSION, context.conversationId(), now, context.channel(), who, topic,
        new HandoffPacket.Summary(request(context, humanRequests), tried, details, missing), felt, why, next, transcript);
  }

  /**
   * The customer's main request in their own words: their first message that says more than a
   * greeting or an ask for a person; failing that, this turn's text.
   */
  static String request(TurnContext context, HumanRequestDetector humanRequests) {
    List<String> said = new ArrayList<>(context.earlierCustomerLines().stream().map(TurnContext.Line::text).toList());
    said.add(context.text());
    return said.stream()
        .filter(text -> text.strip().split("\\s+").length >= 4 && !humanRequests.isHumanRequest(text))
        .findFirst()
        .orElse(context.text());
  }

  private static HandoffPacket.Topic topic(SignalReader.Reading reading, EscalationSpec escalation) {
    String id = reading.signals().topic();
    if (id.equals("none")) {
      return new HandoffPacket.Topic("none", null, null);
    }
    Optional<EscalationSpec.Topic> specTopic = escalation.topic(id);
    if (specTopic.isPresent()) {
      return new HandoffPacket.Topic(id, id.replace('_', ' '), null);
    }
    return reading.retrieval().best()
        .map(best -> new HandoffPacket.Topic(id, best.passage().articleTitle(), best.passage().url().replaceAll("#.*", "")))
        .orElse(new HandoffPacket.Topic(id, null, null));
  }
}
