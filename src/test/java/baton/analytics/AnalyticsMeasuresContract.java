package baton.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import baton.platform.CpuSlots;
import baton.platform.Database;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Every measure on {@link SupportDay}, read back through the store's SQL. Each expected number is
 * derived by hand from the fixture's table, as the arithmetic in the comments shows; none was copied
 * from output. Implemented by an H2 and a PostgreSQL test.
 */
interface AnalyticsMeasuresContract {
  Database database();

  private Analytics analytics() {
    return new Analytics(new JdbiAnalyticsStore(database().jdbi()), Clock.fixed(SupportDay.NOW, ZoneOffset.UTC), Thresholds.DEFAULT, new CpuSlots(1));
  }

  private Report dayReport() {
    SupportDay.writeTo(database().jdbi());
    return analytics().report(AnalyticsQuery.between(SupportDay.FROM, SupportDay.TO));
  }

  private static Object value(Report report, String table, String key, String column) {
    Table found = report.table(table).orElseThrow();
    Table.Row row = found.row(key).orElseThrow(() -> new AssertionError("no row " + key + " in " + table + ": " + found.rows()));
    return row.values().get(found.columns().indexOf(column));
  }

  @Test
  default void automationRate_countsDecidedBotOnlyConversations() {
    Report report = dayReport();
    // In range: A B C D E F H (G started the day before) = 7.
    assertThat(report.summary("conversations")).isEqualTo(7);
    // Decided: A and B idle > 30 min with the bot, C D E H handed off; F still writing (5 min ago) = 6.
    assertThat(report.summary("decided")).isEqualTo(6);
    // Automated: A and B = 2; 2 / 6.
    assertThat(report.summary("automated")).isEqualTo(2);
    assertThat(report.summary("automationRate")).isEqualTo(Measures.rate(2, 6)).isEqualTo(0.3333);
  }

  @Test
  default void handoffVolumeAndRate_byChannelTopicTierAndTrigger_leaveTransfersOut() {
    Report report = dayReport();
    // Handed off: C D E H = 4 of 7; handoffs by the bot: one each = 4 (H's transfer is an agent's, not counted).
    assertThat(report.summary("handedOff")).isEqualTo(4);
    assertThat(report.summary("handoffRate")).isEqualTo(Measures.rate(4, 7)).isEqualTo(0.5714);
    assertThat(report.summary("handoffs")).isEqualTo(4L);
    // Channel email: D alone, handed off: 1 of 1. Web: A B C E F H = 6, handed off C E H = 3: 3 / 6.
    assertThat(value(report, "handoffsByChannel", "email", "handoffRate")).isEqualTo(1.0);
    assertThat(value(report, "handoffsByChannel", "web", "conversations")).isEqualTo(6L);
    assertThat(value(report, "handoffsByChannel", "web", "handoffRate")).isEqualTo(0.5);
    // Topics: billing D H (both handed off) 2/2; returns-policy A C, C handed off 1/2; shipping B E F, E handed off 1/3.
    assertThat(value(report, "handoffsByTopic", "billing", "handoffRate")).isEqualTo(1.0);
    assertThat(value(report, "handoffsByTopic", "returns-policy", "handoffRate")).isEqualTo(0.5);
    assertThat(value(report, "handoffsByTopic", "shipping", "handoffRate")).isEqualTo(Measures.rate(1, 3)).isEqualTo(0.3333);
    // Tiers per handoff: standard C H = 2 of 4, urgent D = 1 of 4, offline E = 1 of 4.
    assertThat(value(report, "handoffsByTier", "standard", "handoffs")).isEqualTo(2L);
    assertThat(value(report, "handoffsByTier", "standard", "share")).isEqualTo(0.5);
    assertThat(value(report, "handoffsByTier", "urgent", "share")).isEqualTo(0.25);
    assertThat(value(report, "handoffsByTier", "offline", "share")).isEqualTo(0.25);
    // Triggers: repeat C, human_request D, loop E, frustration H: 1 of 4 each; no row for transfer.
    for (String trigger : new String[] {"repeat", "human_request", "loop", "frustration"}) {
      assertThat(value(report, "handoffsByTrigger", trigger, "share")).isEqualTo(0.25);
    }
    assertThat(report.table("handoffsByTrigger").orElseThrow().row("transfer")).isEmpty();
    // Rules: the handoff decisions' rules, one each.
    assertThat(value(report, "handoffsByRule", "human_request", "handoffDecisions")).isEqualTo(1L);
    assertThat(value(report, "handoffsByRule", "frustration == high", "share")).isEqualTo(0.25);
  }

  @Test
  default void signalRates_overAllDecidedTurns() {
    Report report = dayReport();
    // Turns: A 2 + B 2 + C 3 + D 1 + E 3 + F 1 + H 1 = 13; handoff turns: C3 D1 E3 H1 = 4.
    // loop fired on E's turns 2 and 3: 2 / 13 of turns; one of them a handoff: 1 / 4 of handoff turns.
    assertThat(value(report, "signals", "loop", "turns")).isEqualTo(2L);
    assertThat(value(report, "signals", "loop", "turnRate")).isEqualTo(Measures.rate(2, 13)).isEqualTo(0.1538);
    assertThat(value(report, "signals", "loop", "handoffShare")).isEqualTo(0.25);
    // human_request on D's only turn: 1 / 13, and 1 / 4 of handoff turns.
    assertThat(value(report, "signals", "human_request", "turnRate")).isEqualTo(0.0769);
    assertThat(value(report, "signals", "human_request", "handoffShare")).isEqualTo(0.25);
    // repeat on C's clarify turn and on its handoff turn: 2 turns, 1 of them a handoff.
    assertThat(value(report, "signals", "repeat", "turns")).isEqualTo(2L);
    assertThat(value(report, "signals", "repeat", "handoffTurns")).isEqualTo(1L);
    assertThat(value(report, "signals", "keyword", "turns")).isEqualTo(0L);
  }

  @Test
  default void responseTimes_nearestRankPercentiles() {
    Report report = dayReport();
    // First human reply after the handoff: C 10:00→10:05 = 300 s, D 11:00→11:12 = 720 s, H 13:00→13:03 = 180 s.
    // Sorted 180, 300, 720: p50 is rank ceil(0.5·3) = 2 → 300; p90 is rank ceil(0.9·3) = 3 → 720.
    assertThat(report.summary("firstResponses")).isEqualTo(3);
    assertThat(report.summary("firstResponseP50Seconds")).isEqualTo(300L);
    assertThat(report.summary("firstResponseP90Seconds")).isEqualTo(720L);
    // Queue wait to the claim: C 4 min = 240, D 10 min = 600, H 2 min = 120 → 120, 240, 600: p50 240, p90 600.
    assertThat(report.summary("queueWaitP50Seconds")).isEqualTo(240L);
    assertThat(report.summary("queueWaitP90Seconds")).isEqualTo(600L);
    // Resolution from the start: C 09:50→10:30 = 2400, H 12:55→13:40 = 2700: p50 rank 1 → 2400, p90 rank 2 → 2700.
    assertThat(report.summary("resolutionP50Seconds")).isEqualTo(2400L);
    assertThat(report.summary("resolutionP90Seconds")).isEqualTo(2700L);
    // Standard tier: C 300 and H 180 → p50 rank 1 = 180, p90 rank 2 = 300; email channel: D alone, 720.
    assertThat(value(report, "timesByTier", "standard", "firstResponseP50Seconds")).isEqualTo(180L);
    assertThat(value(report, "timesByTier", "standard", "firstResponseP90Seconds")).isEqualTo(300L);
    assertThat(value(report, "timesByChannel", "email", "firstResponseP90Seconds")).isEqualTo(720L);
    assertThat(value(report, "timesByChannel", "email", "resolved")).isEqualTo(0L);
  }

  @Test
  default void fallbackShare_countsHandoffsThatFellBackToEmailOrTicket() {
    Report report = dayReport();
    // E's handoff fell back from Standard to the email tier: 1 of 4 handoffs.
    assertThat(report.summary("fallbackHandoffs")).isEqualTo(1L);
    assertThat(report.summary("fallbackShare")).isEqualTo(0.25);
  }

  @Test
  default void beforeHandoff_repeatsLoopsClarificationsAndAnswers() {
    Report report = dayReport();
    // Of the 4 handed off, C repeated (its clarify turn) and E looped: 1 / 4 each.
    assertThat(report.summary("repeatBeforeHandoff")).isEqualTo(1);
    assertThat(report.summary("repeatBeforeHandoffRate")).isEqualTo(0.25);
    assertThat(report.summary("longLoopBeforeHandoffRate")).isEqualTo(0.25);
    assertThat(value(report, "beforeHandoffByTopic", "returns-policy", "repeatRate")).isEqualTo(1.0);
    // Clarifications: B's was answered next, C's was followed by a handoff: 1 failed of 2 followed up.
    assertThat(report.summary("clarifications")).isEqualTo(2L);
    assertThat(report.summary("failedClarifications")).isEqualTo(1L);
    assertThat(report.summary("failedClarificationRate")).isEqualTo(0.5);
    // Answers: A 2, B 1, C 1, E 2, F 1 = 7. Followed by a handoff within two turns: C's (handoff two turns
    // later) and both of E's = 3: 3 / 7.
    assertThat(report.summary("answers")).isEqualTo(7L);
    assertThat(report.summary("answersFollowedByHandoff")).isEqualTo(3L);
    assertThat(report.summary("answerHandoffRate")).isEqualTo(Measures.rate(3, 7)).isEqualTo(0.4286);
    // By article: /kb/shipping#times answered E twice and F once, E's two led to the handoff: 2 / 3.
    assertThat(value(report, "answersThenHandoff", "/kb/shipping#times", "rate")).isEqualTo(0.6667);
    // Topics that always escalate need 5 conversations: billing's 2 of 2 is not flagged.
    assertThat(value(report, "topics", "billing", "escalationRate")).isEqualTo(1.0);
    assertThat(value(report, "topics", "billing", "alwaysEscalates")).isEqualTo(false);
  }

  @Test
  default void satisfaction_splitsBotOnlyFromConversationsWithPeople() {
    Report report = dayReport();
    // A (bot only) good, C (handed off) bad: 1 good of 2 rated.
    assertThat(report.summary("rated")).isEqualTo(2);
    assertThat(report.summary("csat")).isEqualTo(0.5);
    assertThat(value(report, "satisfaction", "bot", "csat")).isEqualTo(1.0);
    assertThat(value(report, "satisfaction", "human", "csat")).isEqualTo(0.0);
  }

  @Test
  default void filters_narrowEveryMeasure() {
    SupportDay day = SupportDay.writeTo(database().jdbi());
    Analytics analytics = analytics();
    // Email: D alone, decided and handed off: automation 0 / 1, handoff rate 1 / 1.
    Report email = analytics.report(new AnalyticsQuery(SupportDay.FROM, SupportDay.TO, Optional.of("email"), Optional.empty(),
        Optional.empty(), Optional.empty()));
    assertThat(email.summary("conversations")).isEqualTo(1);
    assertThat(email.summary("automationRate")).isEqualTo(0.0);
    assertThat(email.summary("handoffRate")).isEqualTo(1.0);
    // Topic shipping: B E F; decided B E; automated B: 1 / 2.
    Report shipping = analytics.report(new AnalyticsQuery(SupportDay.FROM, SupportDay.TO, Optional.empty(), Optional.empty(),
        Optional.of("shipping"), Optional.empty()));
    assertThat(shipping.summary("conversations")).isEqualTo(3);
    assertThat(shipping.summary("automationRate")).isEqualTo(0.5);
    // Tier standard: C and H (first handoffs); team billing: D (H's first handoff went to support).
    Report standard = analytics.report(new AnalyticsQuery(SupportDay.FROM, SupportDay.TO, Optional.empty(), Optional.of("standard"),
        Optional.empty(), Optional.empty()));
    assertThat(standard.table("summary").orElseThrow().row("conversations").orElseThrow().conversations()).containsExactly(day.c, day.h);
    Report billing = analytics.report(new AnalyticsQuery(SupportDay.FROM, SupportDay.TO, Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.of("billing")));
    assertThat(billing.table("summary").orElseThrow().row("conversations").orElseThrow().conversations()).containsExactly(day.d);
  }

  @Test
  default void drillDown_listsTheConversationsBehindANumber() {
    SupportDay day = SupportDay.writeTo(database().jdbi());
    var query = AnalyticsQuery.between(SupportDay.FROM, SupportDay.TO);
    assertThat(analytics().drillDown(query, "handoffsByTopic", "billing").orElseThrow())
        .extracting(Measures.Reading::id).containsExactlyInAnyOrder(day.d, day.h);
    assertThat(analytics().drillDown(query, "summary", "automated").orElseThrow())
        .extracting(Measures.Reading::id).containsExactlyInAnyOrder(day.a, day.b);
    assertThat(analytics().drillDown(query, "summary", "fallbackHandoffs").orElseThrow())
        .extracting(Measures.Reading::id).containsExactly(day.e);
    assertThat(analytics().drillDown(query, "handoffsByTopic", "no-such-topic")).isEmpty();
  }

  @Test
  default void rate_keepsTheLastClickOnly() {
    SupportDay day = SupportDay.writeTo(database().jdbi());
    Analytics analytics = analytics();
    analytics.rate(day.b, Rating.BAD);
    analytics.rate(day.b, Rating.GOOD);
    Report report = analytics.report(AnalyticsQuery.between(SupportDay.FROM, SupportDay.TO));
    // Before: A good, C bad. Now B good too: 2 good of 3, both good ones bot-only.
    assertThat(report.summary("rated")).isEqualTo(3);
    assertThat(report.summary("csat")).isEqualTo(Measures.rate(2, 3));
    assertThat(value(report, "satisfaction", "bot", "good")).isEqualTo(2L);
  }
}
