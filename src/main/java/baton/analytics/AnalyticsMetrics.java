package baton.analytics;

import baton.escalation.HandoffReason;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.function.ToDoubleFunction;

/**
 * The key measures as Prometheus gauges ({@code baton_analytics_*}), over the last 24 hours, computed
 * from the store like the API's — so Grafana and the dashboard agree. A scrape recomputes at most once
 * a minute: the gauges read one shared report, and the report is rebuilt when it is older than that.
 * A measure with nothing to divide by reads NaN. Thread-safe.
 */
public final class AnalyticsMetrics {
  static final Duration WINDOW = Duration.ofHours(24);
  static final Duration REFRESH = Duration.ofMinutes(1);

  private final Analytics analytics;
  private Report latest;

  public AnalyticsMetrics(Analytics analytics, MeterRegistry meters) {
    this.analytics = analytics;
    gauge(meters, "baton.analytics.conversations", "Conversations started in the last 24 hours", "conversations");
    gauge(meters, "baton.analytics.automation.rate", "Share of decided conversations the bot finished without people", "automationRate");
    gauge(meters, "baton.analytics.handoff.rate", "Share of conversations the bot handed to people", "handoffRate");
    gauge(meters, "baton.analytics.fallback.share", "Share of handoffs that fell back to email or a ticket", "fallbackShare");
    gauge(meters, "baton.analytics.first.response.p50.seconds", "Median time from handoff to the first human reply", "firstResponseP50Seconds");
    gauge(meters, "baton.analytics.first.response.p90.seconds", "90th percentile time from handoff to the first human reply",
        "firstResponseP90Seconds");
    gauge(meters, "baton.analytics.queue.wait.p90.seconds", "90th percentile time from handoff to an agent taking it", "queueWaitP90Seconds");
    gauge(meters, "baton.analytics.resolution.p50.seconds", "Median time from start to resolution", "resolutionP50Seconds");
    gauge(meters, "baton.analytics.csat", "Share of ratings that were good", "csat");
    for (HandoffReason reason : HandoffReason.values()) {
      Gauge.builder("baton.analytics.handoffs", this, metrics -> metrics.row("handoffsByTrigger", reason.wireName()))
          .description("Handoffs by the bot in the last 24 hours, by trigger").tag("trigger", reason.wireName()).strongReference(true).register(meters);
    }
  }

  private void gauge(MeterRegistry meters, String name, String description, String measure) {
    ToDoubleFunction<AnalyticsMetrics> value = metrics -> metrics.summary(measure);
    // Strong: nothing else holds this object, and a weakly held gauge would read NaN after a collection.
    Gauge.builder(name, this, value).description(description).strongReference(true).register(meters);
  }

  private double summary(String measure) {
    Object value = current().summary(measure);
    return value instanceof Number number ? number.doubleValue() : Double.NaN;
  }

  /** A trigger that did not fire has no row: zero handoffs. */
  private double row(String table, String key) {
    return current().table(table).flatMap(found -> found.row(key))
        .map(row -> ((Number) row.values().getFirst()).doubleValue()).orElse(0.0);
  }

  private synchronized Report current() {
    Instant now = analytics.clock().instant();
    if (latest == null || latest.computedAt().plus(REFRESH).isBefore(now)) {
      latest = analytics.report(AnalyticsQuery.between(now.minus(WINDOW), now));
    }
    return latest;
  }
}
