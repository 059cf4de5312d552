package baton.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import baton.platform.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the query parameters become a range and filters. */
class AnalyticsQueryTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T10:00:00Z"), ZoneOffset.UTC);

  private static AnalyticsQuery parse(Map<String, String> parameters) {
    return AnalyticsQuery.fromParameters(parameters::get, CLOCK);
  }

  @Test
  void fromParameters_withDays_includesTheLastDayWhole() {
    var query = parse(Map.of("from", "2026-11-01", "to", "2026-11-30"));
    assertThat(query.from()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
    assertThat(query.to()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
  }

  @Test
  void fromParameters_withNothing_coversTheLast30DaysUpToNow() {
    var query = parse(Map.of());
    assertThat(query.to()).isEqualTo(CLOCK.instant());
    assertThat(query.from()).isEqualTo(Instant.parse("2026-11-06T10:00:00Z"));
    assertThat(query.channel()).isEmpty();
  }

  @Test
  void fromParameters_keepsFiltersAndIgnoresBlankOnes() {
    var query = parse(Map.of("channel", "web", "tier", "", "topic", "returns-policy", "team", "support"));
    assertThat(query.channel()).contains("web");
    assertThat(query.tier()).isEmpty();
    assertThat(query.topic()).contains("returns-policy");
    assertThat(query.team()).contains("support");
  }

  @Test
  void fromParameters_rejectsBadDatesBackwardRangesLongRangesAndOddFilters() {
    assertThatThrownBy(() -> parse(Map.of("from", "yesterday"))).isInstanceOf(ApiException.class);
    assertThatThrownBy(() -> parse(Map.of("from", "2026-11-30", "to", "2026-11-01"))).isInstanceOf(ApiException.class);
    assertThatThrownBy(() -> parse(Map.of("from", "2024-01-01", "to", "2026-01-01"))).isInstanceOf(ApiException.class);
    assertThatThrownBy(() -> parse(Map.of("channel", "<script>"))).isInstanceOf(ApiException.class);
  }
}
