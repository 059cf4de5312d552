package baton.channels;

import static org.assertj.core.api.Assertions.assertThat;

import baton.MutableClock;
import baton.platform.Database;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What the webhook outbox must do, run against each real database. */
interface WebhookOutboxContract {
  Instant START = Instant.parse("2026-11-25T10:00:00Z");
  Duration LEASE = Duration.ofSeconds(70);

  Database database();

  MutableClock clock();

  default WebhookOutbox outbox() {
    return new WebhookOutbox(database().jdbi(), clock());
  }

  static WebhookDelivery.New aDelivery(String key) {
    return new WebhookDelivery.New(key, "helpdesk", "http://127.0.0.1:9/tickets", "handoff.created", "{\"id\":\"" + key + "\"}");
  }

  @Test
  default void enqueue_thenFind_isPendingAndDueNow() {
    assertThat(outbox().enqueue(aDelivery("k1"))).isTrue();

    WebhookDelivery stored = outbox().find("k1").orElseThrow();
    assertThat(stored.state()).isEqualTo(WebhookDelivery.State.PENDING);
    assertThat(stored.endpoint()).isEqualTo("helpdesk");
    assertThat(stored.payload()).isEqualTo("{\"id\":\"k1\"}");
    assertThat(stored.attempts()).isZero();
    assertThat(stored.createdAt()).isEqualTo(START);
    assertThat(stored.nextAttemptAt()).contains(START);
    assertThat(stored.lastStatus()).isEmpty();
    assertThat(outbox().nextDue(Set.of("helpdesk"))).contains(START);
    assertThat(outbox().pending(10)).extracting(WebhookDelivery::idempotencyKey).containsExactly("k1");
  }

  @Test
  default void enqueue_sameKeyTwice_storesOneDelivery() {
    assertThat(outbox().enqueue(aDelivery("k1"))).isTrue();
    assertThat(outbox().enqueue(aDelivery("k1"))).isFalse();

    assertThat(outbox().pending(10)).hasSize(1);
  }

  @Test
  default void enqueue_largeUnicodePayload_roundTrips() {
    String payload = "{\"text\":\"" + "Grüße, 日本語 ✓ ".repeat(20_000) + "\"}";
    outbox().enqueue(new WebhookDelivery.New("big", "helpdesk", "http://127.0.0.1:9/", "handoff.created", payload));

    assertThat(outbox().find("big").orElseThrow().payload()).isEqualTo(payload);
  }

  @Test
  default void find_unknownKey_isEmpty() {
    assertThat(outbox().find("nope")).isEmpty();
  }

  @Test
  default void claimDue_takesDueDeliveriesOfTheGivenEndpointsOnly_andCountsTheAttempt() {
    outbox().enqueue(aDelivery("k1"));
    outbox().enqueue(new WebhookDelivery.New("other", "crm", "http://127.0.0.1:9/", "handoff.created", "{}"));

    List<WebhookDelivery.Claim> claims = outbox().claimDue(Set.of("helpdesk"), 10, LEASE);

    assertThat(claims).extracting(claim -> claim.delivery().idempotencyKey()).containsExactly("k1");
    assertThat(claims.getFirst().delivery().attempts()).isEqualTo(1);
    assertThat(claims.getFirst().leasedUntil()).isEqualTo(START.plus(LEASE));
    assertThat(outbox().claimDue(Set.of(), 10, LEASE)).isEmpty();
    assertThat(outbox().find("other").orElseThrow().attempts()).isZero();
  }

  @Test
  default void claimDue_respectsTheLimit_oldestDueFirst() {
    for (int i = 0; i < 5; i++) {
      outbox().enqueue(aDelivery("k" + i));
      clock().advance(Duration.ofSeconds(1));
    }

    assertThat(outbox().claimDue(Set.of("helpdesk"), 2, LEASE)).extracting(claim -> claim.delivery().idempotencyKey())
        .containsExactly("k0", "k1");
  }

  @Test
  default void claimDue_whileLeased_isNotClaimedAgain_untilTheLeaseRunsOut() {
    outbox().enqueue(aDelivery("k1"));
    outbox().claimDue(Set.of("helpdesk"), 10, LEASE);

    clock().advance(LEASE.minusSeconds(1));
    assertThat(outbox().claimDue(Set.of("helpdesk"), 10, LEASE)).isEmpty();
    assertThat(outbox().nextDue(Set.of("helpdesk"))).contains(START.plus(LEASE));

    clock().advance(Duration.ofSeconds(1));
    List<WebhookDelivery.Claim> again = outbox().claimDue(Set.of("helpdesk"), 10, LEASE);
    assertThat(again).hasSize(1);
    assertThat(again.getFirst().delivery().attempts()).as("the abandoned attempt counts").isEqualTo(2);
  }

  @Test
  default void record_delivered_endsTheDelivery() {
    outbox().enqueue(aDelivery("k1"));
    WebhookDelivery.Claim claim = outbox().claimDue(Set.of("helpdesk"), 10, LEASE).getFirst();
    clock().advance(Duration.ofMillis(250));

    assertThat(outbox().record(claim, "http://127.0.0.1:8/new", new AttemptOutcome.Delivered(202))).isTrue();

    WebhookDelivery done = outbox().find("k1").orElseThrow();
    assertThat(done.state()).isEqualTo(WebhookDelivery.State.DELIVERED);
    assertThat(done.deliveredAt()).contains(START.plusMillis(250));
    assertThat(done.lastStatus()).contains(202);
    assertThat(done.url()).isEqualTo("http://127.0.0.1:8/new");
    assertThat(done.nextAttemptAt()).isEmpty();
    clock().advance(Duration.ofDays(30));
    assertThat(outbox().claimDue(Set.of("helpdesk"), 10, LEASE)).isEmpty();
    assertThat(outbox().nextDue(Set.of("helpdesk"))).isEmpty();
    assertThat(outbox().pending(10)).isEmpty();
  }

  @Test
  default void record_retryAt_makesItDueAgainThen() {
    outbox().enqueue(aDelivery("k1"));
    WebhookDelivery.Claim claim = outbox().claimDue(Set.of("helpdesk"), 10, LEASE).getFirst();

    outbox().record(claim, "http://127.0.0.1:9/tickets", new AttemptOutcome.RetryAt(Optional.of(503), "HTTP 503", START.plusSeconds(10)));

    WebhookDelivery waiting = outbox().find("k1").orElseThrow();
    assertThat(waiting.state()).isEqualTo(WebhookDelivery.State.PENDING);
    assertThat(waiting.nextAttemptAt()).contains(START.plusSeconds(10));
    assertThat(waiting.lastStatus()).contains(503);
    assertThat(waiting.lastError()).contains("HTTP 503");
    clock().advance(Duration.ofSeconds(9));
    assertThat(outbox().claimDue(Set.of("helpdesk"), 10, LEASE)).isEmpty();
    clock().advance(Duration.ofSeconds(1));
    assertThat(outbox().claimDue(Set.of("helpdesk"), 10, LEASE)).hasSize(1);
  }

  @Test
  default void record_gaveUp_withoutAStatus_endsTheDelivery() {
    outbox().enqueue(aDelivery("k1"));
    WebhookDelivery.Claim claim = outbox().claimDue(Set.of("helpdesk"), 10, LEASE).getFirst();

    outbox().record(claim, "http://127.0.0.1:9/tickets", new AttemptOutcome.GaveUp(Optional.empty(), "x".repeat(5000)));

    WebhookDelivery given = outbox().find("k1").orElseThrow();
    assertThat(given.state()).isEqualTo(WebhookDelivery.State.GIVEN_UP);
    assertThat(given.givenUpAt()).contains(START);
    assertThat(given.lastStatus()).isEmpty();
    assertThat(given.lastError().orElseThrow()).hasSizeLessThanOrEqualTo(1000);
  }

  @Test
  default void record_afterTheLeaseWasTakenOver_changesNothing() {
    outbox().enqueue(aDelivery("k1"));
    WebhookDelivery.Claim stale = outbox().claimDue(Set.of("helpdesk"), 10, LEASE).getFirst();
    clock().advance(LEASE);
    WebhookDelivery.Claim current = outbox().claimDue(Set.of("helpdesk"), 10, LEASE).getFirst();

    assertThat(outbox().record(stale, "http://127.0.0.1:9/tickets", new AttemptOutcome.GaveUp(Optional.of(400), "late"))).isFalse();
    assertThat(outbox().find("k1").orElseThrow().state()).isEqualTo(WebhookDelivery.State.PENDING);
    assertThat(outbox().record(current, "http://127.0.0.1:9/tickets", new AttemptOutcome.Delivered(200))).isTrue();
    assertThat(outbox().record(current, "http://127.0.0.1:9/tickets", new AttemptOutcome.Delivered(200))).as("only once").isFalse();
  }

  @Test
  default void claimDue_fromManyNodesAtOnce_givesEachDeliveryToOneOfThem() throws Exception {
    int deliveries = 200;
    for (int i = 0; i < deliveries; i++) {
      outbox().enqueue(aDelivery("k" + i));
    }
    var claimed = new ConcurrentLinkedQueue<UUID>();
    var go = new CountDownLatch(1);
    try (var nodes = Executors.newFixedThreadPool(4)) {
      List<Future<?>> running = new java.util.ArrayList<>();
      for (int node = 0; node < 4; node++) {
        WebhookOutbox outbox = outbox();
        running.add(nodes.submit(() -> {
          go.await();
          List<WebhookDelivery.Claim> batch;
          do {
            batch = outbox.claimDue(Set.of("helpdesk"), 7, LEASE);
            batch.forEach(claim -> claimed.add(claim.delivery().id()));
          } while (!batch.isEmpty());
          return null;
        }));
      }
      go.countDown();
      for (Future<?> future : running) {
        future.get(60, TimeUnit.SECONDS);
      }
    }
    assertThat(claimed).hasSize(deliveries).doesNotHaveDuplicates();
  }
}
