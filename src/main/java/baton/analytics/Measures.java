package baton.analytics;

import static baton.analytics.ConversationFacts.NONE;

import baton.conversation.ConversationId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Computes a {@link Report} from conversation facts: pure, no I/O, so every number can be checked
 * against a hand-built set of conversations. docs/analytics.md defines each measure; the comments here
 * say only what the code cannot.
 *
 * <p>Each conversation is first read once into a {@link Reading} — its topic, tier and team, its bot
 * handoffs, whether it is decided — and the filters apply to that reading. Handoffs by agents
 * (transfers) are not the bot escalating and count nowhere. Stateless and thread-safe.
 */
final class Measures {
  static final List<String> SIGNALS = List.of("human_request", "frustration_high", "frustration_mild", "repeat", "loop", "keyword",
      "sensitive_data");

  private Measures() {}

  /** One conversation as the measures see it. */
  record Reading(ConversationFacts facts, String topic, String tier, String team, List<ConversationFacts.HandoffFact> botHandoffs,
      boolean decided) {

    boolean handedOff() {
      return !botHandoffs.isEmpty();
    }

    boolean automated() {
      return decided && !handedOff();
    }

    ConversationId id() {
      return facts.id();
    }

    /** The decision log up to and including the first handoff decision (all of it when there is none). */
    List<ConversationFacts.Turn> turnsBeforeHandoff() {
      List<ConversationFacts.Turn> before = new ArrayList<>();
      for (ConversationFacts.Turn turn : facts.turns()) {
        before.add(turn);
        if (turn.action().equals("handoff")) {
          break;
        }
      }
      return before;
    }
  }

  static Reading read(ConversationFacts facts, Instant now, Thresholds thresholds) {
    List<ConversationFacts.HandoffFact> byBot = facts.handoffs().stream().filter(ConversationFacts.HandoffFact::byBot).toList();
    boolean idle = !facts.lastActivityAt().plus(thresholds.idleAfter()).isAfter(now);
    boolean decided = !byBot.isEmpty() || facts.state().equals("RESOLVED") || (facts.state().equals("BOT") && idle);
    return new Reading(facts, topicOf(facts), byBot.isEmpty() ? NONE : byBot.getFirst().tier(),
        byBot.isEmpty() ? NONE : byBot.getFirst().team(), byBot, decided);
  }

  /** The topic of the first handoff turn if it named one, else the last topic any turn named. */
  static String topicOf(ConversationFacts facts) {
    String topic = NONE;
    for (ConversationFacts.Turn turn : facts.turns()) {
      if (!turn.topic().equals(NONE)) {
        topic = turn.topic();
      }
      if (turn.action().equals("handoff")) {
        break;
      }
    }
    return topic;
  }

  static boolean matches(Reading reading, AnalyticsQuery query) {
    return query.channel().map(reading.facts().channel()::equals).orElse(true)
        && query.tier().map(reading.tier()::equals).orElse(true)
        && query.topic().map(reading.topic()::equals).orElse(true)
        && query.team().map(reading.team()::equals).orElse(true);
  }

  static Report compute(List<ConversationFacts> all, AnalyticsQuery query, Instant now, Thresholds thresholds) {
    List<Reading> readings = all.stream().map(facts -> read(facts, now, thresholds)).filter(reading -> matches(reading, query)).toList();
    List<Table> tables = new ArrayList<>();
    tables.add(summary(readings));
    tables.add(handoffsByConversationKey("handoffsByChannel", "Handoffs by channel", readings, reading -> reading.facts().channel()));
    tables.add(handoffsByConversationKey("handoffsByTopic", "Handoffs by topic", readings, Reading::topic));
    tables.add(handoffsByHandoffKey("handoffsByTier", "Handoffs by tier", readings, ConversationFacts.HandoffFact::tier));
    tables.add(handoffsByHandoffKey("handoffsByTrigger", "Handoffs by trigger", readings, ConversationFacts.HandoffFact::reason));
    tables.add(handoffsByRule(readings));
    tables.add(signals(readings));
    tables.add(times("timesByChannel", "Response and resolution times by channel", readings, reading -> reading.facts().channel()));
    tables.add(times("timesByTier", "Response and resolution times by tier", readings, Reading::tier));
    tables.add(beforeHandoffByTopic(readings));
    Table topics = topics(readings, thresholds);
    tables.add(topics);
    tables.add(clarifications(readings));
    Table answers = answersThenHandoff(readings);
    tables.add(answers);
    tables.add(satisfaction(readings));
    tables.add(Suggestions.from(tables, thresholds));
    return new Report(query, now, tables);
  }

  // ---- summary ----

  private static Table summary(List<Reading> readings) {
    List<Table.Row> rows = new ArrayList<>();
    List<Reading> decided = select(readings, Reading::decided);
    List<Reading> automated = select(readings, Reading::automated);
    List<Reading> handedOff = select(readings, Reading::handedOff);
    rows.add(row("conversations", readings.size(), readings));
    rows.add(row("decided", decided.size(), decided));
    rows.add(row("automated", automated.size(), automated));
    rows.add(row("automationRate", rate(automated.size(), decided.size()), automated));
    rows.add(row("handedOff", handedOff.size(), handedOff));
    rows.add(row("handoffRate", rate(handedOff.size(), readings.size()), handedOff));
    long handoffs = readings.stream().mapToLong(reading -> reading.botHandoffs().size()).sum();
    rows.add(row("handoffs", handoffs, handedOff));
    List<Reading> fellBack = select(readings, reading -> reading.botHandoffs().stream().anyMatch(h -> h.fellBackToOffline()));
    long fallbacks = readings.stream().flatMap(reading -> reading.botHandoffs().stream()).filter(h -> h.fellBackToOffline()).count();
    rows.add(row("fallbackHandoffs", fallbacks, fellBack));
    rows.add(row("fallbackShare", rate(fallbacks, handoffs), fellBack));
    Durations times = Durations.of(readings);
    rows.add(row("firstResponses", times.firstResponse().size(), times.firstResponded()));
    rows.add(row("firstResponseP50Seconds", percentile(times.firstResponse(), 50), times.firstResponded()));
    rows.add(row("firstResponseP90Seconds", percentile(times.firstResponse(), 90), times.firstResponded()));
    rows.add(row("queueWaits", times.queueWait().size(), times.claimed()));
    rows.add(row("queueWaitP50Seconds", percentile(times.queueWait(), 50), times.claimed()));
    rows.add(row("queueWaitP90Seconds", percentile(times.queueWait(), 90), times.claimed()));
    rows.add(row("resolved", times.resolution().size(), times.resolved()));
    rows.add(row("resolutionP50Seconds", percentile(times.resolution(), 50), times.resolved()));
    rows.add(row("resolutionP90Seconds", percentile(times.resolution(), 90), times.resolved()));
    List<Reading> repeats = select(handedOff, Measures::repeatedBeforeHandoff);
    List<Reading> loops = select(handedOff, Measures::loopedBeforeHandoff);
    rows.add(row("repeatBeforeHandoff", repeats.size(), repeats));
    rows.add(row("repeatBeforeHandoffRate", rate(repeats.size(), handedOff.size()), repeats));
    rows.add(row("longLoopBeforeHandoff", loops.size(), loops));
    rows.add(row("longLoopBeforeHandoffRate", rate(loops.size(), handedOff.size()), loops));
    Tally clarify = new Tally();
    Tally answer = new Tally();
    for (Reading reading : readings) {
      List<ConversationFacts.Turn> turns = reading.facts().turns();
      for (int i = 0; i < turns.size(); i++) {
        switch (turns.get(i).action()) {
          case "clarify" -> countClarification(clarify.at("all"), reading, turns, i);
          case "answer" -> countAnswer(answer.at("all"), reading, turns, i);
          default -> { }
        }
      }
    }
    Tally.Group clarifications = clarify.at("all");
    rows.add(row("clarifications", clarifications.count("clarifications"), clarifications.conversations("clarifications")));
    rows.add(row("failedClarifications", clarifications.count("failed"), clarifications.conversations("failed")));
    rows.add(row("failedClarificationRate", rate(clarifications.count("failed"), clarifications.count("followedUp")),
        clarifications.conversations("failed")));
    Tally.Group answers = answer.at("all");
    rows.add(row("answers", answers.count("answers"), answers.conversations("answers")));
    rows.add(row("answersFollowedByHandoff", answers.count("followedByHandoff"), answers.conversations("followedByHandoff")));
    rows.add(row("answerHandoffRate", rate(answers.count("followedByHandoff"), answers.count("answers")),
        answers.conversations("followedByHandoff")));
    List<Reading> rated = select(readings, reading -> reading.facts().rating().isPresent());
    List<Reading> good = select(rated, reading -> reading.facts().rating().get() == Rating.GOOD);
    rows.add(row("rated", rated.size(), rated));
    rows.add(row("satisfied", good.size(), good));
    rows.add(row("csat", rate(good.size(), rated.size()), rated));
    return new Table("summary", "Summary", List.of("value"), rows);
  }

  private static Table.Row row(String key, Object value, List<Reading> behind) {
    return row(key, value, ids(behind));
  }

  private static Table.Row row(String key, Object value, Set<ConversationId> behind) {
    return new Table.Row(key, java.util.Collections.singletonList(value), behind);
  }

  // ---- handoff volume and rate ----

  private static Table handoffsByConversationKey(String name, String title, List<Reading> readings, Function<Reading, String> key) {
    Tally tally = new Tally();
    for (Reading reading : readings) {
      Tally.Group group = tally.at(key.apply(reading));
      group.add("conversations", reading.id());
      if (reading.handedOff()) {
        group.add("handedOff", reading.id());
        group.add("handoffs", reading.id(), reading.botHandoffs().size());
      }
    }
    return tally.table(name, title, List.of("conversations", "handedOff", "handoffRate", "handoffs"), "handedOff",
        group -> java.util.Arrays.asList(group.count("conversations"), group.count("handedOff"), rateOrNull(group, "handedOff", "conversations"),
            group.count("handoffs")));
  }

  /** Keyed per handoff, not per conversation: a conversation handed off twice counts in both rows. */
  private static Table handoffsByHandoffKey(String name, String title, List<Reading> readings,
      Function<ConversationFacts.HandoffFact, String> key) {
    Tally tally = new Tally();
    long total = 0;
    for (Reading reading : readings) {
      for (ConversationFacts.HandoffFact handoff : reading.botHandoffs()) {
        tally.at(key.apply(handoff)).add("handoffs", reading.id());
        total++;
      }
    }
    long all = total;
    return tally.table(name, title, List.of("handoffs", "share"), "handoffs",
        group -> java.util.Arrays.asList(group.count("handoffs"), rate(group.count("handoffs"), all)));
  }

  private static Table handoffsByRule(List<Reading> readings) {
    Tally tally = new Tally();
    long total = 0;
    for (Reading reading : readings) {
      for (ConversationFacts.Turn turn : reading.facts().turns()) {
        if (turn.action().equals("handoff")) {
          tally.at(turn.rule().isBlank() ? NONE : turn.rule()).add("handoffDecisions", reading.id());
          total++;
        }
      }
    }
    long all = total;
    return tally.table("handoffsByRule", "Handoff decisions by rule", List.of("handoffDecisions", "share"), "handoffDecisions",
        group -> java.util.Arrays.asList(group.count("handoffDecisions"), rate(group.count("handoffDecisions"), all)));
  }

  private static Table signals(List<Reading> readings) {
    Tally tally = new Tally();
    SIGNALS.forEach(tally::at); // every signal gets a row, fired or not
    long turns = 0;
    long handoffTurns = 0;
    for (Reading reading : readings) {
      for (ConversationFacts.Turn turn : reading.facts().turns()) {
        turns++;
        boolean handoff = turn.action().equals("handoff");
        if (handoff) {
          handoffTurns++;
        }
        for (String signal : SIGNALS) {
          if (fired(signal, turn)) {
            tally.at(signal).add("turns", reading.id());
            if (handoff) {
              tally.at(signal).add("handoffTurns", reading.id());
            }
          }
        }
      }
    }
    long allTurns = turns;
    long allHandoffTurns = handoffTurns;
    return tally.table("signals", "Signals: how often each fired", List.of("turns", "turnRate", "handoffTurns", "handoffShare"), "turns",
        group -> java.util.Arrays.asList(group.count("turns"), rate(group.count("turns"), allTurns), group.count("handoffTurns"),
            rate(group.count("handoffTurns"), allHandoffTurns)));
  }

  static boolean fired(String signal, ConversationFacts.Turn turn) {
    return switch (signal) {
      case "human_request" -> turn.humanRequest();
      case "frustration_high" -> turn.frustration().equals("high");
      case "frustration_mild" -> turn.frustration().equals("mild");
      case "repeat" -> turn.repeat();
      case "loop" -> turn.loop();
      case "keyword" -> turn.keyword();
      case "sensitive_data" -> turn.sensitiveData();
      default -> throw new IllegalArgumentException("unknown signal " + signal);
    };
  }

  // ---- times ----

  /** Seconds, each list with the conversations it came from. */
  private record Durations(List<Long> firstResponse, List<Reading> firstResponded, List<Long> queueWait, List<Reading> claimed,
      List<Long> resolution, List<Reading> resolved) {

    static Durations of(List<Reading> readings) {
      var durations = new Durations(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
          new ArrayList<>());
      readings.forEach(durations::add);
      return durations;
    }

    void add(Reading reading) {
      for (ConversationFacts.HandoffFact handoff : reading.botHandoffs()) {
        handoff.firstAgentReplyAt().ifPresent(at -> {
          firstResponse.add(seconds(handoff.createdAt(), at));
          addOnce(firstResponded, reading);
        });
        handoff.claimedAt().ifPresent(at -> {
          queueWait.add(seconds(handoff.createdAt(), at));
          addOnce(claimed, reading);
        });
      }
      reading.facts().resolvedAt().ifPresent(at -> {
        resolution.add(seconds(reading.facts().createdAt(), at));
        resolved.add(reading);
      });
    }

    private static void addOnce(List<Reading> list, Reading reading) {
      if (list.isEmpty() || list.getLast() != reading) {
        list.add(reading);
      }
    }
  }

  private static Table times(String name, String title, List<Reading> readings, Function<Reading, String> key) {
    Map<String, List<Reading>> groups = new TreeMap<>();
    readings.forEach(reading -> groups.computeIfAbsent(key.apply(reading), k -> new ArrayList<>()).add(reading));
    List<Table.Row> rows = new ArrayList<>();
    groups.forEach((group, members) -> {
      Durations times = Durations.of(members);
      Set<ConversationId> behind = new LinkedHashSet<>();
      behind.addAll(ids(times.claimed()));
      behind.addAll(ids(times.firstResponded()));
      behind.addAll(ids(times.resolved()));
      if (!behind.isEmpty()) {
        rows.add(new Table.Row(group, java.util.Arrays.asList(
            (long) times.firstResponse().size(), percentile(times.firstResponse(), 50), percentile(times.firstResponse(), 90),
            (long) times.queueWait().size(), percentile(times.queueWait(), 50), percentile(times.queueWait(), 90),
            (long) times.resolution().size(), percentile(times.resolution(), 50), percentile(times.resolution(), 90)), behind));
      }
    });
    return new Table(name, title, List.of("firstResponses", "firstResponseP50Seconds", "firstResponseP90Seconds", "queueWaits",
        "queueWaitP50Seconds", "queueWaitP90Seconds", "resolved", "resolutionP50Seconds", "resolutionP90Seconds"), rows);
  }

  /** Nearest rank: the smallest value with at least p% of the values at or below it; null when there are none. */
  static Long percentile(List<Long> values, int p) {
    if (values.isEmpty()) {
      return null;
    }
    List<Long> sorted = values.stream().sorted().toList();
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(rank, 1) - 1);
  }

  private static long seconds(Instant from, Instant to) {
    return Duration.between(from, to).toSeconds();
  }

  // ---- before a handoff ----

  static boolean repeatedBeforeHandoff(Reading reading) {
    return reading.handedOff() && reading.turnsBeforeHandoff().stream().anyMatch(ConversationFacts.Turn::repeat);
  }

  static boolean loopedBeforeHandoff(Reading reading) {
    return reading.handedOff() && reading.turnsBeforeHandoff().stream().anyMatch(ConversationFacts.Turn::loop);
  }

  private static Table beforeHandoffByTopic(List<Reading> readings) {
    Tally tally = new Tally();
    for (Reading reading : readings) {
      if (!reading.handedOff()) {
        continue;
      }
      Tally.Group group = tally.at(reading.topic());
      group.add("handedOff", reading.id());
      if (repeatedBeforeHandoff(reading)) {
        group.add("repeatBeforeHandoff", reading.id());
      }
      if (loopedBeforeHandoff(reading)) {
        group.add("longLoopBeforeHandoff", reading.id());
      }
    }
    return tally.table("beforeHandoffByTopic", "Repeats and long loops before a handoff, by topic",
        List.of("handedOff", "repeatBeforeHandoff", "repeatRate", "longLoopBeforeHandoff", "longLoopRate"), "handedOff",
        group -> java.util.Arrays.asList(group.count("handedOff"), group.count("repeatBeforeHandoff"), rateOrNull(group, "repeatBeforeHandoff", "handedOff"),
            group.count("longLoopBeforeHandoff"), rateOrNull(group, "longLoopBeforeHandoff", "handedOff")));
  }

  private static Table topics(List<Reading> readings, Thresholds thresholds) {
    Tally tally = new Tally();
    for (Reading reading : readings) {
      Tally.Group group = tally.at(reading.topic());
      group.add("conversations", reading.id());
      if (reading.handedOff()) {
        group.add("handedOff", reading.id());
      }
    }
    return tally.table("topics", "Topics: how often each escalates", List.of("conversations", "handedOff", "escalationRate",
        "alwaysEscalates"), "handedOff", group -> {
          Double escalation = rateOrNull(group, "handedOff", "conversations");
          boolean always = !group.key().equals(NONE) && group.count("conversations") >= thresholds.minimumSample()
              && escalation != null && escalation >= thresholds.alwaysEscalates();
          return java.util.Arrays.asList(group.count("conversations"), group.count("handedOff"), escalation, always);
        });
  }

  // ---- clarifications and answers ----

  /** A clarification failed when the customer's next turn was not answered (asked again, or handed off). */
  private static void countClarification(Tally.Group group, Reading reading, List<ConversationFacts.Turn> turns, int index) {
    group.add("clarifications", reading.id());
    if (index + 1 < turns.size()) {
      group.add("followedUp", reading.id());
      if (!turns.get(index + 1).action().equals("answer")) {
        group.add("failed", reading.id());
      }
    }
  }

  /** "Within two turns": one of the customer's next two turns was handed off. */
  private static void countAnswer(Tally.Group group, Reading reading, List<ConversationFacts.Turn> turns, int index) {
    group.add("answers", reading.id());
    for (int next = index + 1; next <= index + 2 && next < turns.size(); next++) {
      if (turns.get(next).action().equals("handoff")) {
        group.add("followedByHandoff", reading.id());
        return;
      }
    }
  }

  private static Table clarifications(List<Reading> readings) {
    Tally tally = new Tally();
    for (Reading reading : readings) {
      List<ConversationFacts.Turn> turns = reading.facts().turns();
      for (int i = 0; i < turns.size(); i++) {
        if (turns.get(i).action().equals("clarify")) {
          countClarification(tally.at(turns.get(i).topic()), reading, turns, i);
        }
      }
    }
    return tally.table("clarificationsByTopic", "Clarifying questions and how many failed, by topic",
        List.of("clarifications", "followedUp", "failed", "failedRate"), "failed",
        group -> java.util.Arrays.asList(group.count("clarifications"), group.count("followedUp"), group.count("failed"),
            rateOrNull(group, "failed", "followedUp")));
  }

  private static Table answersThenHandoff(List<Reading> readings) {
    Tally tally = new Tally();
    for (Reading reading : readings) {
      List<ConversationFacts.Turn> turns = reading.facts().turns();
      for (int i = 0; i < turns.size(); i++) {
        ConversationFacts.Turn turn = turns.get(i);
        if (turn.action().equals("answer")) {
          countAnswer(tally.at(turn.answerUrl() == null ? NONE : turn.answerUrl()), reading, turns, i);
        }
      }
    }
    return tally.table("answersThenHandoff", "Answers followed by a handoff within two turns, by article",
        List.of("answers", "followedByHandoff", "rate"), "followedByHandoff",
        group -> java.util.Arrays.asList(group.count("answers"), group.count("followedByHandoff"), rateOrNull(group, "followedByHandoff", "answers")));
  }

  private static Table satisfaction(List<Reading> readings) {
    Tally tally = new Tally();
    tally.at("bot");
    tally.at("human");
    for (Reading reading : readings) {
      Optional<Rating> rating = reading.facts().rating();
      if (rating.isEmpty()) {
        continue;
      }
      Tally.Group group = tally.at(reading.handedOff() ? "human" : "bot");
      group.add("rated", reading.id());
      switch (rating.get()) {
        case GOOD -> group.add("good", reading.id());
        case BAD -> group.add("bad", reading.id());
      }
    }
    return tally.table("satisfaction", "Customer satisfaction: bot-only and with people", List.of("rated", "good", "bad", "csat"), "rated",
        group -> java.util.Arrays.asList(group.count("rated"), group.count("good"), group.count("bad"), rateOrNull(group, "good", "rated")));
  }

  // ---- helpers ----

  private static List<Reading> select(List<Reading> readings, Predicate<Reading> test) {
    return readings.stream().filter(test).toList();
  }

  private static Set<ConversationId> ids(List<Reading> readings) {
    Set<ConversationId> ids = new LinkedHashSet<>();
    readings.forEach(reading -> ids.add(reading.id()));
    return ids;
  }

  /** A share rounded to 4 decimals; null when there is nothing to divide by. */
  static Double rate(long part, long whole) {
    return whole == 0 ? null : Math.round(part * 10_000.0 / whole) / 10_000.0;
  }

  private static Double rateOrNull(Tally.Group group, String part, String whole) {
    return rate(group.count(part), group.count(whole));
  }

  /** Counts per key and per counter, with the conversations behind each counter. Not thread-safe: one per table. */
  static final class Tally {
    private final Map<String, Group> groups = new TreeMap<>();

    Group at(String key) {
      return groups.computeIfAbsent(key, Group::new);
    }

    /** @param drill the counter whose conversations the row's drill-down lists */
    Table table(String name, String title, List<String> columns, String drill, Function<Group, List<?>> values) {
      List<Table.Row> rows = new ArrayList<>();
      for (Group group : groups.values()) {
        rows.add(new Table.Row(group.key(), new ArrayList<>(values.apply(group)), group.conversations(drill)));
      }
      return new Table(name, title, columns, rows);
    }

    static final class Group {
      private final String key;
      private final Map<String, Long> counts = new LinkedHashMap<>();
      private final Map<String, Set<ConversationId>> behind = new LinkedHashMap<>();

      Group(String key) {
        this.key = key;
      }

      String key() {
        return key;
      }

      void add(String counter, ConversationId id) {
        add(counter, id, 1);
      }

      void add(String counter, ConversationId id, long amount) {
        counts.merge(counter, amount, Long::sum);
        behind.computeIfAbsent(counter, k -> new LinkedHashSet<>()).add(id);
      }

      long count(String counter) {
        return counts.getOrDefault(counter, 0L);
      }

      Set<ConversationId> conversations(String counter) {
        return behind.getOrDefault(counter, Set.of());
      }
    }
  }

  static String percent(double share) {
    return String.format(Locale.ROOT, "%.0f%%", share * 100);
  }
}
