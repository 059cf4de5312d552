package baton.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import baton.platform.CpuSlots;
import baton.platform.TestDatabases;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Suggestions fire exactly where the data crosses a threshold, and not below the minimum sample. */
class SuggestionsTest {

  private static Report report(Thresholds thresholds) {
    try (var db = TestDatabases.h2()) {
      SupportDay.writeTo(db.database().jdbi());
      return new Analytics(new JdbiAnalyticsStore(db.database().jdbi()), Clock.fixed(SupportDay.NOW, ZoneOffset.UTC), thresholds, new CpuSlots(1))
          .report(AnalyticsQuery.between(SupportDay.FROM, SupportDay.TO));
    }
  }

  @Test
  void suggestions_withTheDefaultMinimumSample_noneFromOneDayOfSevenConversations() {
    assertThat(report(Thresholds.DEFAULT).table("suggestions").orElseThrow().rows()).isEmpty();
  }

  @Test
  void suggestions_whenSamplesSuffice_nameTheTopicTheArticleAndTheFallbacks() {
    // A minimum sample of 2 and the default shares:
    // billing escalates 2 of 2 = 100% ≥ 90%; /kb/shipping#times answers are followed by a handoff 2 of 3 = 67% ≥ 40%;
    // 1 of 4 handoffs = 25% fell back ≥ 20%. returns-policy had 1 handoff (< 2), so no repeat suggestion;
    // each topic had 1 followed-up clarification (< 2), so no clarification suggestion.
    var thresholds = new Thresholds(Duration.ofMinutes(30), 2, 0.9, 0.3, 0.4, 0.5, 0.2);
    Table suggestions = report(thresholds).table("suggestions").orElseThrow();
    assertThat(suggestions.rows()).extracting(Table.Row::key)
        .containsExactly("topic_escalates:billing", "answer_then_handoff:/kb/shipping#times", "fallback:all");
    assertThat(suggestions.rows().getFirst().values().get(3).toString())
        .startsWith("Topic billing escalates 100% of the time (2 of 2 conversations)");
  }

  @Test
  void suggestions_repeatsBeforeHandoff_pointAtAMissingArticle() {
    // With a minimum of 1: returns-policy had 1 handoff and it repeated (100% ≥ 30%).
    var thresholds = new Thresholds(Duration.ofMinutes(30), 1, 0.9, 0.3, 0.4, 0.5, 0.2);
    Table suggestions = report(thresholds).table("suggestions").orElseThrow();
    assertThat(suggestions.row("repeats_before_handoff:returns-policy").orElseThrow().values().get(3).toString())
        .contains("the article on returns-policy may be missing");
  }
}
