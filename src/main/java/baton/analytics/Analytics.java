package baton.analytics;

import baton.conversation.ConversationId;
import baton.platform.CpuSlots;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The feature's entry point: reports computed from the store on every call (nothing cached here, so a
 * report is never older than its request) and the customers' ratings. Reports read and fold every
 * conversation of their period, seconds of computing on a busy day, so they are computed in
 * {@link CpuSlots}, never on a request's carrier. Thread-safe.
 */
public final class Analytics {
  private final AnalyticsStore store;
  private final Clock clock;
  private final Thresholds thresholds;
  private final CpuSlots cpu;

  public Analytics(JdbiAnalyticsStore store, Clock clock, CpuSlots cpu) {
    this(store, clock, Thresholds.DEFAULT, cpu);
  }

  Analytics(AnalyticsStore store, Clock clock, Thresholds thresholds, CpuSlots cpu) {
    this.store = store;
    this.clock = clock;
    this.thresholds = thresholds;
    this.cpu = cpu;
  }

  Report report(AnalyticsQuery query) {
    return cpu.run(() -> Measures.compute(store.conversationsCreated(query.from(), query.to()), query, clock.instant(), thresholds));
  }

  /** The conversations behind one number: a table's row, e.g. ("handoffsByTopic", "returns-policy"). */
  Optional<List<Measures.Reading>> drillDown(AnalyticsQuery query, String measure, String key) {
    return cpu.run(() -> readings(query, measure, key));
  }

  private Optional<List<Measures.Reading>> readings(AnalyticsQuery query, String measure, String key) {
    List<ConversationFacts> facts = store.conversationsCreated(query.from(), query.to());
    Report report = Measures.compute(facts, query, clock.instant(), thresholds);
    return report.table(measure).flatMap(table -> table.row(key)).map(row -> facts.stream()
        .filter(conversation -> row.conversations().contains(conversation.id()))
        .map(conversation -> Measures.read(conversation, clock.instant(), thresholds))
        .toList());
  }

  void rate(ConversationId id, Rating rating) {
    store.rate(id, rating, clock.instant());
  }

  Clock clock() {
    return clock;
  }
}
