package baton.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import baton.Demo;
import baton.knowledge.SyncStatuses;
import baton.platform.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The what-if on the demo spec and a copy whose {@code repeat} rule hands off to the urgent tier
 * instead of the standard one. Expected numbers are derived from the demo spec's rules: urgent tiers
 * skip checklists, so a repeated question goes to a person one turn earlier and to another queue.
 */
class WhatIfReplayTest {
  @TempDir static Path dir;
  static Path currentSpec;
  static Path newSpec;
  static List<RecordedConversation> recorded;
  static WhatIfReplay.Tally current;
  static WhatIfReplay.Tally proposed;

  /** Six conversations: two routine questions, a request for a person, a chargeback, two repeated questions. */
  static final String EXPORT = String.join("\n",
      line("routine-shipping", List.of("how long does standard shipping take?"), null),
      line("routine-payment", List.of("which payment methods do you accept"), null),
      line("human", List.of("agent please"), "{\"tier\":\"urgent\",\"team\":\"support\",\"reason\":\"human_request\",\"handleMinutes\":12.0}"),
      line("chargeback", List.of("I'm going to file a chargeback for order KO-77881 if this is not sorted", "lou@example.com"),
          "{\"tier\":\"billing\",\"team\":\"billing\",\"reason\":\"policy_keyword\",\"handleMinutes\":20.0}"),
      line("repeat-size", List.of("can I change the size on my order?", "can I change the size on my order?", "KO-55120",
          "ben@example.com"), "{\"tier\":\"standard\",\"team\":\"support\",\"reason\":\"repeat\",\"handleMinutes\":8.0}"),
      line("repeat-parcel", List.of("my parcel still has not arrived and tracking shows nothing", "where is my parcel? tracking has not moved",
          "it is KO-55120", "ben@example.com"), "{\"tier\":\"standard\",\"team\":\"support\",\"reason\":\"repeat\",\"handleMinutes\":null}"))
      + "\n";

  static String line(String id, List<String> messages, String handoff) {
    // Only repeat-parcel's customer gave an email when starting, so its checklist asks for the order number alone.
    List<String> known = id.equals("repeat-parcel") ? List.of("email") : List.of();
    return "{\"id\":\"" + id + "\",\"channel\":\"web\",\"createdAt\":\"2026-11-02T10:00:00Z\",\"customerMessages\":"
        + Json.write(messages) + ",\"customerKnown\":" + Json.write(known) + ",\"handoff\":" + handoff + "}";
  }

  /** The demo spec with only the repeat rule's tier changed from standard to urgent. */
  static Path repeatGoesUrgent(Path demoSpec) throws IOException {
    String spec = Files.readString(demoSpec);
    String rule = "    - when: repeat\n      then: handoff\n      tier: standard\n";
    assertThat(spec).contains(rule);
    return Files.writeString(demoSpec.resolveSibling("bot-repeat-urgent.yaml"),
        spec.replace(rule, "    - when: repeat\n      then: handoff\n      tier: urgent\n"));
  }

  /** The demo spec without the rule that hands a request for a person to the urgent tier. */
  static Path withoutHumanRequestRule(Path demoSpec) throws IOException {
    String spec = Files.readString(demoSpec);
    String rule = "    - when: human_request or frustration == high\n      then: handoff\n      tier: urgent\n"
        + "      reason: The customer asked for a person or is very frustrated.\n";
    assertThat(spec).contains(rule);
    return Files.writeString(demoSpec.resolveSibling("bot-no-human-rule.yaml"), spec.replace(rule, ""));
  }

  @BeforeAll
  static void replayBothSpecs() throws IOException {
    Clock clock = Clock.systemUTC();
    currentSpec = Demo.installFiles(dir.resolve("demo"));
    newSpec = repeatGoesUrgent(currentSpec);
    Path export = Files.writeString(dir.resolve("export.jsonl"), EXPORT);
    recorded = RecordedConversation.read(export);
    current = replay(currentSpec, clock);
    proposed = replay(newSpec, clock);
  }

  static WhatIfReplay.Tally replay(Path spec, Clock clock) {
    var brain = LiveBrain.standalone(spec, dir.resolve("work"), new SyncStatuses(clock), clock);
    return new WhatIfReplay(SupportBot.withStandardSignals(brain::current, clock), clock).run(recorded);
  }

  @Test
  void repeatRuleMovedToUrgent_movesBothRepeatHandoffsFromStandardToUrgent() {
    assertThat(current.handoffsByTier()).isEqualTo(Map.of("urgent", 1, "billing", 1, "standard", 2));
    assertThat(proposed.handoffsByTier()).isEqualTo(Map.of("urgent", 3, "billing", 1));
    assertThat(current.handoffs()).isEqualTo(4);
    assertThat(proposed.handoffs()).isEqualTo(4);
  }

  @Test
  void humanRequestRuleRemoved_nothingIsHandedOffForThatReasonOrByThatRuleAnyMore() throws IOException {
    Clock clock = Clock.systemUTC();
    WhatIfReplay.Tally withoutRule = replay(withoutHumanRequestRule(currentSpec), clock);
    var comparison = new WhatIfComparison("bot.yaml", "bot-no-human-rule.yaml", current, withoutRule, HandleMinutes.of(recorded, 10, Map.of()));

    assertThat(withoutRule.handoffsByReason()).doesNotContainKey("human_request");
    assertThat(withoutRule.handoffsByRule()).doesNotContainKey("human_request or frustration == high");
    // The rule's row stays in the table, going from the one "agent please" to none.
    assertThat(comparison.rows()).contains(new WhatIfComparison.Row("  rule human_request or frustration == high", 1, 0, -1));
    // The other conversations meet no rule that changed: the chargeback still goes to billing, the repeats to standard.
    assertThat(withoutRule.handoffsByTier()).containsEntry("billing", 1);
    assertThat(withoutRule.handoffsByRule()).containsEntry("repeat", 2);
    assertThat(withoutRule.handoffsByReason()).containsEntry("policy_keyword", 1).containsEntry("repeat", 2);
  }

  @Test
  void triggerCounts_nameTheReasonAndTheRuleThatFired() {
    Map<String, Integer> reasons = Map.of("human_request", 1, "policy_keyword", 1, "repeat", 2);
    assertThat(current.handoffsByReason()).isEqualTo(reasons);
    assertThat(proposed.handoffsByReason()).isEqualTo(reasons);
    assertThat(current.handoffsByRule()).containsEntry("repeat", 2);
    assertThat(proposed.handoffsByRule()).containsEntry("repeat", 2);
  }

  @Test
  void urgentRepeat_skipsTheChecklist_soTheOrderNumberIsNeverAskedAndFewerTurnsAreDecided() {
    // Current, repeat-size (anonymous): answer, collect order id, collect the optional email, handoff: 4 turns.
    // Current, repeat-parcel (email known): answer, collect order id, handoff: 3 turns.
    // New, both: answer, handoff: 2 turns, no checklist question; the remaining messages are not fed.
    assertThat(current.customerTurns() - proposed.customerTurns()).isEqualTo(2 + 1);
    assertThat(current.collecting() - proposed.collecting()).isEqualTo(2 + 1);
    assertThat(proposed.answered()).isEqualTo(current.answered());
    assertThat(current.leftCollecting()).isZero();
    assertThat(proposed.leftCollecting()).isZero();
    assertThat(current.conversations()).isEqualTo(6);
  }

  @Test
  void routineQuestions_areAnsweredByTheBotUnderBothSpecs() {
    // routine-shipping, routine-payment, and the first message of each repeat conversation.
    assertThat(current.answered()).isEqualTo(4);
  }

  @Test
  void agentLoad_usesMeasuredMinutesPerTier_andTheTypicalFigureWhereNoneWasMeasured() {
    var minutes = HandleMinutes.of(recorded, 10, Map.of());
    // urgent: one measured 12-minute handoff; billing: 20; standard: one measured 8, one unresolved (not counted).
    assertThat(minutes.minutes("urgent")).isEqualTo(12.0);
    assertThat(minutes.minutes("standard")).isEqualTo(8.0);
    assertThat(minutes.minutes("email")).isEqualTo(10.0);
    assertThat(minutes.source("email")).isEqualTo(HandleMinutes.TYPICAL);
    // current: 12 + 20 + 2 × 8 = 48 minutes; new: 3 × 12 + 20 = 56 minutes.
    assertThat(minutes.agentHours(current)).isCloseTo(48 / 60.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(minutes.agentHours(proposed)).isCloseTo(56 / 60.0, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void givenTierMinutes_overrideWhatTheExportMeasured() {
    var minutes = HandleMinutes.of(recorded, 10, Map.of("urgent", 30.0));
    assertThat(minutes.minutes("urgent")).isEqualTo(30.0);
    assertThat(minutes.source("urgent")).isEqualTo(HandleMinutes.GIVEN);
    assertThat(minutes.source("billing")).isEqualTo(HandleMinutes.MEASURED);
  }

  @Test
  void comparisonTable_showsCurrentNewAndChangePerTier() {
    var comparison = new WhatIfComparison("bot.yaml", "bot-repeat-urgent.yaml", current, proposed, HandleMinutes.of(recorded, 10, Map.of()));
    Map<String, WhatIfComparison.Row> rows = comparison.rows().stream()
        .collect(Collectors.toMap(row -> row.measure().strip(), row -> row));
    assertThat(rows.get("tier standard")).isEqualTo(new WhatIfComparison.Row("  tier standard", 2, 0, -2));
    assertThat(rows.get("tier urgent")).isEqualTo(new WhatIfComparison.Row("  tier urgent", 1, 3, 2));
    assertThat(rows.get("handoffs").change()).isZero();
    String table = comparison.toTable();
    assertThat(table).contains("current").contains("new").contains("change").contains("tier urgent").contains("agent-hours")
        .contains("12 min (measured)");
  }
}
