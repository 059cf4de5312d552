package baton.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import baton.MutableClock;
import baton.conversation.ConversationId;
import baton.platform.CpuSlots;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AnalyticsMetricsTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T10:00:00Z"));
  private final SlowStore store = new SlowStore();
  private final List<Runnable> background = new ArrayList<>();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  @Test
  void aScrape_neverComputesTheReportItself_andTheGaugesShowItOnceBuilt() {
    new AnalyticsMetrics(new Analytics(store, clock, Thresholds.DEFAULT, new CpuSlots(1)), meters, background::add);
    store.conversations = 3;

    assertThat(conversationsGauge()).as("before the first report").isNaN();
    assertThat(conversationsGauge()).isNaN();
    assertThat(store.reads.get()).as("nothing computed on the scraping thread").isZero();
    assertThat(background).as("one rebuild started, not one per scrape").hasSize(1);

    background.removeFirst().run();

    assertThat(conversationsGauge()).isEqualTo(3.0);
    assertThat(background).as("fresh: nothing to rebuild").isEmpty();
  }

  @Test
  void aReportThatTookLong_isRebuiltLessOften_soTheGaugesCostAtMostATwentiethOfACore() {
    new AnalyticsMetrics(new Analytics(store, clock, Thresholds.DEFAULT, new CpuSlots(1)), meters, background::add);
    store.takes = Duration.ofSeconds(6);
    conversationsGauge();
    background.removeFirst().run();

    clock.advance(Duration.ofMinutes(1));
    conversationsGauge();
    assertThat(background).as("a minute later: the 6 s rebuild waits 120 s").isEmpty();

    clock.advance(Duration.ofSeconds(60));
    store.conversations = 5;
    conversationsGauge();
    assertThat(background).hasSize(1);
    background.removeFirst().run();
    assertThat(conversationsGauge()).isEqualTo(5.0);
  }

  @Test
  void aFailedRebuild_keepsTheLastValues_andTriesAgainLater() {
    new AnalyticsMetrics(new Analytics(store, clock, Thresholds.DEFAULT, new CpuSlots(1)), meters, background::add);
    store.conversations = 2;
    conversationsGauge();
    background.removeFirst().run();

    store.failing = true;
    clock.advance(Duration.ofMinutes(2));
    conversationsGauge();
    background.removeFirst().run();
    assertThat(conversationsGauge()).isEqualTo(2.0);

    store.failing = false;
    store.conversations = 4;
    clock.advance(Duration.ofMinutes(2));
    conversationsGauge();
    background.removeFirst().run();
    assertThat(conversationsGauge()).isEqualTo(4.0);
  }

  private double conversationsGauge() {
    return meters.get("baton.analytics.conversations").gauge().value();
  }

  /** Conversations started a minute ago, each bot-only; reading them moves the clock by {@link #takes}. */
  private final class SlowStore implements AnalyticsStore {
    final AtomicInteger reads = new AtomicInteger();
    volatile int conversations;
    volatile Duration takes = Duration.ZERO;
    volatile boolean failing;

    @Override
    public List<ConversationFacts> conversationsCreated(Instant from, Instant to) {
      reads.incrementAndGet();
      if (failing) {
        throw new IllegalStateException("database unreachable");
      }
      clock.advance(takes);
      List<ConversationFacts> facts = new ArrayList<>();
      for (int i = 0; i < conversations; i++) {
        Instant created = to.minus(Duration.ofMinutes(1));
        facts.add(new ConversationFacts(new ConversationId(UUID.randomUUID()), "web", "bot", created, Optional.empty(), created,
            List.of(), List.of(), Optional.empty()));
      }
      return facts;
    }

    @Override
    public void rate(ConversationId id, Rating rating, Instant at) {
      throw new UnsupportedOperationException("not rated here");
    }
  }
}
