package baton.escalation;

import baton.compliance.GuardVerdict;
import baton.compliance.OutputGuard;
import baton.knowledge.Candidate;
import baton.knowledge.Passage;
import baton.routing.QueueWaits;
import baton.routing.Team;
import baton.signals.AcknowledgementDetector;
import baton.signals.FrustrationDetector;
import baton.signals.FrustrationLevel;
import baton.signals.HumanRequestDetector;
import baton.signals.PaymentAndSecretDetector;
import baton.signals.SensitiveDataDetector;
import baton.signals.SentimentScorer;
import baton.spec.BotSpec;
import baton.spec.EscalationSpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides one customer turn. The rule engine's states and invariants:
 *
 * <ol>
 *   <li><b>Signals first.</b> Every turn is read once: confidence, sentiment and frustration, repeat,
 *       loop, human request, policy keywords, topic, sensitive data ({@link SignalReader}).
 *   <li><b>Collecting.</b> When the bot's last decision asked a checklist question, this turn is its
 *       answer: the detail is taken (or skipped), then the next unknown item is asked or the pending
 *       handoff goes ahead. A rule that sends to an urgent tier interrupts the checklist at once.
 *   <li><b>Choosing.</b> When the last decision offered choices and the customer picks one, it is
 *       answered.
 *   <li><b>Rules.</b> The spec's rules are tried in order; the first whose condition holds decides.
 *       With no match the confidence policy decides: answer at or above the answer bound, clarify
 *       between the bounds, hand off below.
 *   <li><b>Safety overrides.</b> A no-go topic is never answered: an answer becomes a handoff to the
 *       topic's tier. A handoff to a non-urgent tier first runs its checklist, asking only for what
 *       is unknown; an urgent tier is never delayed by a checklist.
 *   <li><b>Output guard, last.</b> Whatever was decided, the text the customer would read (answer,
 *       clarifying question, checklist question, handoff copy) goes through the spec's
 *       {@link OutputGuard}. A stopped message is replaced by a handoff to {@code safety.blockedTier}
 *       with {@code safety.blockedMessage}, without a checklist (a stopped bot should not ask more
 *       questions); its decision record names the rule in {@code blocked}. The replacement is not
 *       checked again: its copy is the spec's, which the loader already checked with the same guard.
 * </ol>
 *
 * The bot never writes text of its own beyond the spec's copy and quoted passages. It keeps no
 * per-conversation state: everything it needs comes in the {@link TurnContext}, so any node can
 * decide any turn. Thread-safe; each turn reads one consistent brain.
 */
public final class SupportBot {
  private static final Logger log = LoggerFactory.getLogger(SupportBot.class);
  private static final int MAX_OPTIONS = 3;
  private static final Pattern CHOICE = Pattern.compile(
      "^\\s*(?:(?:option|number|no\\.?|#)\\s*)?(\\d|first|second|third|the first|the second|the third)(?:\\s*(?:one|option|please))?\\s*[.!]?\\s*$",
      Pattern.CASE_INSENSITIVE);

  private final Supplier<LiveBrain.Brain> brain;
  private final HumanRequestDetector humanRequests;
  private final SignalReader reader;
  private final AcknowledgementDetector acknowledgements;
  private final Clock clock;
  private final QueueWaits waits;

  public SupportBot(Supplier<LiveBrain.Brain> brain, HumanRequestDetector humanRequests, FrustrationDetector frustration,
      SensitiveDataDetector sensitiveData, Clock clock) {
    this(brain, humanRequests, frustration, sensitiveData, clock, QueueWaits.NONE);
  }

  /** @param waits live wait estimates for the handoff copy */
  public SupportBot(Supplier<LiveBrain.Brain> brain, HumanRequestDetector humanRequests, FrustrationDetector frustration,
      SensitiveDataDetector sensitiveData, Clock clock, QueueWaits waits) {
    this.waits = waits;
    this.brain = brain;
    this.acknowledgements = new AcknowledgementDetector();
    this.humanRequests = humanRequests;
    this.reader = new SignalReader(humanRequests, frustration, sensitiveData);
    this.clock = clock;
  }

  /** The bot with Baton's own detectors: human requests, VADER-style frustration, payment data and secrets. */
  public static SupportBot withStandardSignals(Supplier<LiveBrain.Brain> brain, Clock clock) {
    return new SupportBot(brain, new HumanRequestDetector(), new FrustrationDetector(SentimentScorer.withVaderLexicon()),
        new PaymentAndSecretDetector(), clock);
  }

  public String name() {
    return brain.get().spec().botName();
  }

  /**
   * Message 1 of every conversation. The loader refuses a spec whose greeting the guard would stop, so
   * this check only matters if that ever changes; the honest fallback is the spec's blocked message.
   */
  public String greeting() {
    LiveBrain.Brain now = brain.get();
    String greeting = now.spec().greeting();
    if (now.guard().check(greeting) instanceof GuardVerdict.Blocked blocked) {
      log.error("output guard stopped the greeting ({}); sending safety.blockedMessage instead", blocked.rule());
      return now.spec().safety().blockedMessage();
    }
    return greeting;
  }

  /** A first turn with no history (tests and tools). */
  public Decision respond(String customerText) {
    return respond(TurnContext.firstTurn(customerText));
  }

  public Decision respond(TurnContext context) {
    LiveBrain.Brain now = brain.get();
    SignalReader.Reading reading = reader.read(context, now);
    Decision decision = guarded(context, now, reading, decide(context, now, reading));
    if (log.isDebugEnabled()) { // the summary is formatted text: not worth building on every turn for nobody
      log.debug("bot decision {} rule=\"{}\" signals={} {}", decision.record().action(), decision.record().rule(),
          decision.record().signals(), decision.evidence().summary());
    }
    return decision;
  }

  /** The output guard's last word on what this turn would send; see the class comment. */
  private Decision guarded(TurnContext context, LiveBrain.Brain now, SignalReader.Reading reading, Decision decision) {
    GuardVerdict verdict = switch (decision) {
      case Decision.Answer answer -> now.guard().check(answer.text(),
          text -> reader.noGoTopicOf(text, answer.sources().stream().map(Passage::url).toList(), now));
      case Decision.Clarify clarify -> now.guard().check(clarify.text());
      case Decision.Collect collect -> now.guard().check(collect.question());
      case Decision.HandOff handOff -> now.guard().check(handOff.customerNotice());
    };
    return switch (verdict) {
      case GuardVerdict.Allowed allowed -> decision;
      case GuardVerdict.Blocked blocked -> new Turn(context, now, reading).blocked(blocked, decision);
    };
  }

  private Decision decide(TurnContext context, LiveBrain.Brain now, SignalReader.Reading reading) {
    Turn turn = new Turn(context, now, reading);
    Optional<DecisionRecord> last = context.lastDecision();
    if (last.isPresent() && last.get().action().equals("collect") && last.get().askedField() != null) {
      return turn.continueChecklist(last.get());
    }
    if (last.isPresent() && last.get().action().equals("clarify")) {
      Optional<Passage> chosen = chosenOption(context.text(), last.get().offeredUrls(), now);
      if (chosen.isPresent()) {
        return turn.answer(chosen.get(), "picked an offered option", null, Map.of());
      }
    }
    for (CompiledEscalation.CompiledRule rule : now.escalation().rules()) {
      if (rule.condition().test(reading.signals())) {
        return turn.apply(rule);
      }
    }
    if (acknowledgements.isAcknowledgement(context.text()) && reading.signals().frustration() == FrustrationLevel.NONE) {
      return turn.acknowledge();
    }
    return turn.byConfidence();
  }

  /** One turn's decision in the making; holds what every branch needs. */
  private final class Turn {
    private final TurnContext context;
    private final LiveBrain.Brain now;
    private final BotSpec spec;
    private final EscalationSpec escalation;
    private final SignalReader.Reading reading;
    /** The signals of the turn that decided to escalate; a checklist's later turns keep the first turn's. */
    private Map<String, Object> triggerSignals;
    /** Set when this turn replaces a message the output guard stopped: the rule, for the decision record. */
    private String blockedRule;

    Turn(TurnContext context, LiveBrain.Brain now, SignalReader.Reading reading) {
      this.context = context;
      this.now = now;
      this.spec = now.spec();
      this.escalation = spec.escalation();
      this.reading = reading;
      this.triggerSignals = reading.signals().asMap();
    }

    Decision apply(CompiledEscalation.CompiledRule compiled) {
      EscalationSpec.Rule rule = compiled.rule();
      String ruleText = rule.when();
      return switch (rule.action()) {
        case ANSWER -> reading.retrieval().best().isPresent()
            ? answer(reading.retrieval().best().get().passage(), ruleText, compiled.index(), Map.of())
            : byConfidence();
        case CLARIFY -> {
          List<Passage> options = options();
          yield options.size() >= 2 ? clarify(options, ruleText, compiled.index()) : byConfidence();
        }
        case COLLECT, HANDOFF -> handOff(tierFor(rule.tier()), reasonFor(compiled), "", ruleText, compiled.index(),
            Map.of(), List.of());
      };
    }

    /** The output guard stopped {@code stopped}: hand off to the spec's safe tier instead, saying so honestly. */
    Decision blocked(GuardVerdict.Blocked blocked, Decision stopped) {
      blockedRule = blocked.rule();
      DecisionRecord was = stopped.record();
      String what = was.action() + (was.answerUrl() == null ? "" : " from " + was.answerUrl());
      log.warn("output guard stopped the bot's {} in conversation {} ({}); handing off to tier {}", what, context.conversationId(),
          blocked.rule(), spec.safety().blockedTier());
      EscalationSpec.Tier tier = escalation.tier(spec.safety().blockedTier());
      EscalationSpec.Tier to = fallbackFor(tier).orElse(tier);
      return handOffTo(to, HandoffReason.OUTPUT_BLOCKED, spec.safety().blockedMessage(),
          "output guard: " + blocked.rule() + " stopped the " + what + (to == tier ? "" : " → fell back from " + tier.name()), null,
          was.collected(), was.skipped(), Optional.empty());
    }

    /** "thanks, that fixed it": the spec's acknowledgement, no retrieval answer, no handoff. */
    Decision acknowledge() {
      return new Decision.Answer(spec.acknowledgement(), List.of(), evidence("the customer acknowledged"),
          record("answer", "the customer acknowledged", null, null, null, List.of(), null, null, null, Map.of(), List.of(), null, null));
    }

    Decision byConfidence() {
      Optional<EscalationSpec.Topic> noGo = noGoTopic();
      if (noGo.isPresent()) {
        return handOff(tierFor(noGo.get().tier()), HandoffReason.NO_GO_TOPIC, "", "no-go topic " + noGo.get().id(), null, Map.of(),
            List.of());
      }
      BotPolicy policy = now.policy();
      double probability = reading.probability();
      Optional<Candidate> best = reading.retrieval().best();
      if (best.isPresent() && probability >= policy.answerAbove()) {
        return answer(best.get().passage(), "probability at or above the answer bound", null, Map.of());
      }
      List<Passage> options = options();
      if (options.size() >= 2 && probability >= policy.clarifyAbove() && noGoTopic().isEmpty()) {
        return clarify(options, "probability between the bounds", null);
      }
      String why = best.isEmpty() ? "nothing in the knowledge matched" : "probability below the clarify bound";
      return handOff(tierFor(Optional.empty()), HandoffReason.LOW_CONFIDENCE, spec.noAnswerMessage(), why, null, Map.of(), List.of());
    }

    Decision answer(Passage passage, String rule, Integer ruleIndex, Map<String, String> collected) {
      Optional<EscalationSpec.Topic> noGo = noGoTopic();
      if (noGo.isPresent()) {
        return handOff(tierFor(noGo.get().tier()), HandoffReason.NO_GO_TOPIC, "", "no-go topic " + noGo.get().id(), ruleIndex,
            collected, List.of());
      }
      Evidence evidence = evidence(rule);
      return new Decision.Answer(passage.text(), List.of(passage), evidence,
          record("answer", rule, ruleIndex, null, null, List.of(), passage.url(), null, null, collected, List.of(), null, null));
    }

    Decision clarify(List<Passage> options, String rule, Integer ruleIndex) {
      List<String> urls = options.stream().map(Passage::url).toList();
      return new Decision.Clarify(clarifyText(spec.confidence().clarifyMessage(), options), options, evidence(rule),
          record("clarify", rule, ruleIndex, null, null, urls, null, null, null, Map.of(), List.of(), null, null));
    }

    /** Hands off to {@code tier}, unless a checklist for it still has questions and the tier is not urgent. */
    Decision handOff(EscalationSpec.Tier tier, HandoffReason reason, String lead, String rule, Integer ruleIndex,
        Map<String, String> collected, List<String> skipped) {
      return handOff(tier, reason, lead, rule, ruleIndex, collected, skipped, Checklists.applicable(escalation, tier, reading.signals().topic()));
    }

    /** {@code checklist}: the one that applies, decided when the handoff was first decided. */
    Decision handOff(EscalationSpec.Tier tier, HandoffReason reason, String lead, String rule, Integer ruleIndex,
        Map<String, String> collected, List<String> skipped, Optional<EscalationSpec.Checklist> checklist) {
      Optional<EscalationSpec.Tier> fallback = fallbackFor(tier);
      if (fallback.isPresent()) {
        // One hop only: the fallback tier's own fallback is not followed.
        EscalationSpec.Tier to = fallback.get();
        return handOffTo(to, reason, lead, rule + " → fell back from " + tier.name(), ruleIndex, collected, skipped,
            Checklists.applicable(escalation, to, reading.signals().topic()));
      }
      return handOffTo(tier, reason, lead, rule, ruleIndex, collected, skipped, checklist);
    }

    /**
     * The tier to use instead of a live one whose team cannot keep its promise now: outside the team's
     * business hours (always, when the tier has a fallback), or, as the tier's {@code fallbackWhen} asks,
     * nobody online or the live estimate beyond the tier's target.
     */
    private Optional<EscalationSpec.Tier> fallbackFor(EscalationSpec.Tier tier) {
      if (tier.fallback().isEmpty() || !tier.channel().isLive()) {
        return Optional.empty();
      }
      Optional<QueueWaits.Estimate> live = waits.estimate(tier.team());
      if (live.isEmpty() || (tier.fallbackWhen().isEmpty() && !live.get().closed())) {
        return Optional.empty(); // no live data at all (tools, tests): keep the promise as configured
      }
      if (live.get().closed()) {
        return Optional.of(escalation.tier(tier.fallback().get())); // outside business hours nobody is there to keep a live promise
      }
      Optional<java.time.Duration> wait = live.get().expectedWait();
      boolean unstaffed = wait.isEmpty() && tier.fallbackWhen().contains(EscalationSpec.FallbackWhen.UNSTAFFED);
      boolean overPromise = wait.isPresent() && tier.fallbackWhen().contains(EscalationSpec.FallbackWhen.OVER_PROMISE)
          && wait.get().compareTo(java.time.Duration.ofMinutes(tier.targetMinutes())) > 0;
      return unstaffed || overPromise ? Optional.of(escalation.tier(tier.fallback().get())) : Optional.empty();
    }

    private Decision handOffTo(EscalationSpec.Tier tier, HandoffReason reason, String lead, String rule, Integer ruleIndex,
        Map<String, String> collected, List<String> skipped, Optional<EscalationSpec.Checklist> checklist) {
      Map<String, String> known = checklist.map(list -> Checklists.known(list, context, collected)).orElse(Map.of());
      if (checklist.isPresent() && !tier.urgent() && !reading.signals().sensitiveData()) {
        Set<String> asked = askedFields();
        asked.addAll(skipped);
        Optional<EscalationSpec.Item> next = Checklists.nextToAsk(checklist.get(), known, asked);
        if (next.isPresent()) {
          EscalationSpec.Item item = next.get();
          String question = item.required() ? item.ask() : item.ask() + " (You can say \"skip\".)";
          return new Decision.Collect(question, item, evidence(rule),
              record("collect", rule, ruleIndex, null, null, List.of(), null, checklist.get().id(), item.field(), known, skipped, tier.id(),
                  reason.wireName()));
        }
      }
      Team team = spec.team(tier.team());
      // The packet names every detail the conversation holds, even when no checklist ran (urgent tiers).
      Map<String, String> everything = new LinkedHashMap<>(known);
      for (EscalationSpec.Checklist list : escalation.checklists()) {
        Checklists.known(list, context, Map.of()).forEach(everything::putIfAbsent);
      }
      HandoffPacket packet = PacketBuilder.build(context, reading, triggerSignals, escalation, tier, team.name(), reason, rule, ruleIndex,
          everything, checklist, humanRequests, clock.instant());
      Optional<QueueWaits.Estimate> live = tier.channel().isLive() ? waits.estimate(team.id()) : Optional.empty();
      if (reading.signals().sensitiveData()) {
        lead = safetyNotice(reading.signals().sensitiveKinds()) + (lead.isBlank() ? "" : " " + lead);
      }
      String notice = (lead.isBlank() ? "" : lead + " ")
          + HandoffCopy.fill(escalation.handoffTemplates().get(tier.channel()), tier, team, live, clock.instant());
      Evidence evidence = evidence(rule);
      String because = ruleIndex == null ? rule : escalation.rules().get(ruleIndex).reason() + " (rule " + (ruleIndex + 1) + ": " + rule + ")";
      String detail = because + " → " + tier.name() + " tier; " + evidence.summary();
      // Only someone with the topic's skill may take it (a disputed charge needs refund rights).
      Optional<String> skill = escalation.topic(reading.signals().topic()).flatMap(EscalationSpec.Topic::skill);
      return new Decision.HandOff(reason, detail, tier, team, notice, packet, evidence,
          record("handoff", rule, ruleIndex, reason.wireName(), tier.id(), List.of(), null, checklist.map(EscalationSpec.Checklist::id).orElse(null),
              null, known, skipped, null, null), skill);
    }

    /** This turn answers the checklist question of the previous decision. */
    Decision continueChecklist(DecisionRecord last) {
      // A rule that sends to an urgent tier (a person asked for, high frustration, a secret shared) wins at once.
      for (CompiledEscalation.CompiledRule rule : now.escalation().rules()) {
        if (rule.rule().action() == EscalationSpec.Action.HANDOFF && rule.condition().test(reading.signals())) {
          EscalationSpec.Tier tier = tierFor(rule.rule().tier());
          if (tier.urgent() || reading.signals().humanRequest() || reading.signals().sensitiveData()) {
            return handOff(tier, reasonFor(rule), "", rule.rule().when(), rule.index(), last.collected(), last.skipped());
          }
        }
      }
      Map<String, String> collected = new LinkedHashMap<>(last.collected());
      List<String> skipped = new ArrayList<>(last.skipped());
      List<DecisionRecord> earlier = context.decisions();
      int first = earlier.size() - 1;
      while (first > 0 && earlier.get(first - 1).action().equals("collect")) {
        first--;
      }
      triggerSignals = earlier.get(first).signals();
      Optional<EscalationSpec.Checklist> checklist = escalation.checklists().stream()
          .filter(list -> list.id().equals(last.checklist())).findFirst();
      Optional<EscalationSpec.Item> item = checklist.flatMap(list -> list.items().stream()
          .filter(candidate -> candidate.field().equals(last.askedField())).findFirst());
      if (item.isPresent()) {
        Optional<String> value = Checklists.accept(item.get(), context.text());
        if (value.isPresent()) {
          collected.put(item.get().field(), value.get());
        } else {
          skipped.add(item.get().field()); // never asked twice: a missing detail is listed for the agent instead
        }
      }
      EscalationSpec.Tier tier = tierFor(Optional.ofNullable(last.pendingTier()));
      HandoffReason reason = reasonNamed(last.pendingReason());
      return handOff(tier, reason, "", last.rule(), last.ruleIndex(), collected, skipped, checklist);
    }

    private Set<String> askedFields() {
      Set<String> asked = new HashSet<>();
      context.decisions().stream().filter(record -> record.askedField() != null).forEach(record -> asked.add(record.askedField()));
      return asked;
    }

    private Optional<EscalationSpec.Topic> noGoTopic() {
      return escalation.topic(reading.signals().topic()).filter(EscalationSpec.Topic::noGo);
    }

    /** The named tier; else the no-go topic's tier; else the spec's default tier. */
    private EscalationSpec.Tier tierFor(Optional<String> named) {
      Optional<String> id = named.or(() -> noGoTopic().flatMap(EscalationSpec.Topic::tier))
          .or(() -> escalation.topic(reading.signals().topic()).flatMap(EscalationSpec.Topic::tier));
      return escalation.tier(id.orElse(escalation.defaultTier()));
    }

    /** The most telling signal among those the rule reads that are active now. */
    private HandoffReason reasonFor(CompiledEscalation.CompiledRule rule) {
      Set<String> reads = rule.condition().signals();
      TurnSignalValues signals = reading.signals();
      if (reads.contains("sensitive_data") && signals.sensitiveData()) {
        return HandoffReason.SENSITIVE_DATA;
      }
      if (reads.contains("human_request") && signals.humanRequest()) {
        return HandoffReason.HUMAN_REQUEST;
      }
      if (reads.contains("frustration") && signals.frustration() == FrustrationLevel.HIGH) {
        return HandoffReason.FRUSTRATION;
      }
      if (reads.contains("keyword") && !signals.keyword().isEmpty()) {
        return HandoffReason.POLICY_KEYWORD;
      }
      if (reads.contains("topic") && noGoTopic().isPresent()) {
        return HandoffReason.NO_GO_TOPIC;
      }
      if (reads.contains("repeat") && signals.repeat()) {
        return HandoffReason.REPEAT;
      }
      if (reads.contains("loop") && signals.loop()) {
        return HandoffReason.LOOP;
      }
      if (reads.contains("confidence")) {
        return HandoffReason.LOW_CONFIDENCE;
      }
      return HandoffReason.RULE;
    }

    private List<Passage> options() {
      List<Passage> options = new ArrayList<>();
      for (Candidate candidate : reading.retrieval().candidates()) {
        if (options.size() < MAX_OPTIONS && !options.contains(candidate.passage())) {
          options.add(candidate.passage());
        }
      }
      return options;
    }

    private Evidence evidence(String rule) {
      return Evidence.of(rule, reading.probability(), now.policy(), reading.retrieval());
    }

    private DecisionRecord record(String action, String rule, Integer ruleIndex, String reason, String tier, List<String> offeredUrls,
        String answerUrl, String checklist, String askedField, Map<String, String> collected, List<String> skipped, String pendingTier,
        String pendingReason) {
      return new DecisionRecord(context.seq(), action, rule, ruleIndex, reason, tier, Math.round(reading.probability() * 1000) / 1000.0,
          reading.signals().asMap(), evidence(rule).candidates(), offeredUrls, answerUrl, checklist, askedField, collected, skipped, pendingTier,
          pendingReason, clock.instant(), blockedRule);
    }
  }

  private static HandoffReason reasonNamed(String wireName) {
    for (HandoffReason reason : HandoffReason.values()) {
      if (reason.wireName().equals(wireName)) {
        return reason;
      }
    }
    return HandoffReason.RULE;
  }

  /** The customer answered "2", "the first one" or with an option's name. */
  private static Optional<Passage> chosenOption(String text, List<String> offeredUrls, LiveBrain.Brain now) {
    if (offeredUrls.isEmpty()) {
      return Optional.empty();
    }
    List<Passage> offered = new ArrayList<>();
    for (String url : offeredUrls) {
      now.knowledge().passage(url).ifPresent(offered::add);
    }
    Matcher choice = CHOICE.matcher(text);
    if (choice.matches()) {
      int index = switch (choice.group(1).toLowerCase(Locale.ROOT).replace("the ", "")) {
        case "first" -> 1;
        case "second" -> 2;
        case "third" -> 3;
        default -> Integer.parseInt(choice.group(1));
      };
      return index >= 1 && index <= offered.size() ? Optional.of(offered.get(index - 1)) : Optional.empty();
    }
    String said = SignalReader.normalise(text);
    return offered.stream().filter(passage -> said.equals(SignalReader.normalise(passage.heading()))
        || said.equals(SignalReader.normalise(passage.articleTitle() + " " + passage.heading()))).findFirst();
  }

  /** Kind words for the customer: what was hidden, that it is safe, and that nobody will ask for it. */
  static String safetyNotice(List<String> kinds) {
    String what = kinds.isEmpty() ? "the private details" : "the " + String.join(" and ", kinds.stream().distinct().toList());
    return "For your safety I've hidden " + what + " you shared: it isn't stored or shown to anyone. Please don't share passwords"
        + " or card details in chat; our team will never ask for them.";
  }

  private static String clarifyText(String lead, List<Passage> options) {
    var text = new StringBuilder(lead);
    for (int i = 0; i < options.size(); i++) {
      text.append('\n').append(i + 1).append(". ").append(options.get(i).citationTitle());
    }
    return text.append("\nReply with a number, or ask in other words.").toString();
  }
}
