package baton.analytics;

import baton.escalation.HandoffReason;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key measures as Prometheus gauges ({@code baton_analytics_*}), over the last 24 hours, computed
 * from the store like the API's — so Grafana and the dashboard agree. The gauges read one shared
 * report; a scrape that finds it due starts a rebuild in the background and reads the one it has. A
 * measure with nothing to divide by, or before the first report, reads NaN. Thread-safe.
 *
 * <p>A report folds every conversation of the day, and that grows with traffic: at 60 messages a
 * second it took seconds after half an hour. Rebuilt inside the scrape, on a request's virtual thread,
 * it held a carrier that long each minute and customers' replies stalled (docs/benchmarks.md, "Soak").
 * So a rebuild runs off the request, and the next one waits at least {@link #COST_FACTOR} times as long
 * as the last one took: however busy the day, the gauges cost at most about one twentieth of a core.
 */
public final class AnalyticsMetrics {
  private static final Logger log = LoggerFactory.getLogger(AnalyticsMetrics.class);
  static final Duration WINDOW = Duration.ofHours(24);
  static final Duration REFRESH = Duration.ofMinutes(1);
  static final int COST_FACTOR = 20;

  private final Analytics analytics;
  private final Executor background;
  private final AtomicBoolean rebuilding = new AtomicBoolean();
  private volatile Report latest;
  private volatile Instant nextRebuild = Instant.MIN;

  public AnalyticsMetrics(Analytics analytics, MeterRegistry meters) {
    this(analytics, meters, command -> Thread.ofPlatform().daemon().name("analytics-gauges").start(command));
  }

  AnalyticsMetrics(Analytics analytics, MeterRegistry meters, Executor background) {
    this.analytics = analytics;
    this.background = background;
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
    Report report = current();
    Object value = report == null ? null : report.summary(measure);
    return value instanceof Number number ? number.doubleValue() : Double.NaN;
  }

  /** A trigger that did not fire has no row: zero handoffs. */
  private double row(String table, String key) {
    Report report = current();
    if (report == null) {
      return Double.NaN;
    }
    return report.table(table).flatMap(found -> found.row(key))
        .map(row -> ((Number) row.values().getFirst()).doubleValue()).orElse(0.0);
  }

  /** The report the gauges show now, null before the first; starts a rebuild when one is due and none is running. */
  private Report current() {
    if (!analytics.clock().instant().isBefore(nextRebuild) && rebuilding.compareAndSet(false, true)) {
      try {
        background.execute(this::rebuild);
      } catch (RuntimeException e) {
        rebuilding.set(false);
        throw e;
      }
    }
    return latest;
  }

  private void rebuild() {
    Instant started = analytics.clock().instant();
    try {
      latest = analytics.report(AnalyticsQuery.between(started.minus(WINDOW), started));
    } catch (RuntimeException e) {
      log.warn("cannot compute the analytics gauges; they keep their last values", e);
    } finally {
      Duration took = Duration.between(started, analytics.clock().instant());
      Duration pause = took.isNegative() ? Duration.ZERO : took.multipliedBy(COST_FACTOR);
      nextRebuild = analytics.clock().instant().plus(pause.compareTo(REFRESH) > 0 ? pause : REFRESH);
      rebuilding.set(false);
    }
  }
}
