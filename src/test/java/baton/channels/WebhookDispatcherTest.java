package baton.channels;

import static org.assertj.core.api.Assertions.assertThat;

import baton.MutableClock;
import baton.platform.Database;
import baton.platform.DatabaseSettings;
import baton.platform.TestDatabases;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher against a real (H2) outbox and a loopback receiver. Time is a {@link MutableClock}
 * and rounds are run by hand with {@code runDue()}, so a schedule of minutes takes no real time.
 */
class WebhookDispatcherTest {
  private static final Instant START = Instant.parse("2026-11-25T10:00:00Z");
  private static final String SECRET = "whsec_test_secret";
  /** Jitter that always lands in the middle, so delays are exactly the schedule. */
  private static final RandomGenerator NO_JITTER = new RandomGenerator() {
    @Override
    public long nextLong() {
      return 0;
    }

    @Override
    public double nextDouble() {
      return 0.5;
    }
  };

  private final MutableClock clock = new MutableClock(START);
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private TestDatabases.TestDatabase db;
  private Receiver receiver;
  private WebhookOutbox outbox;

  @BeforeEach
  void open() {
    db = TestDatabases.h2();
    receiver = Receiver.start();
    outbox = new WebhookOutbox(db.database().jdbi(), clock);
  }

  @AfterEach
  void close() {
    receiver.close();
    http.close();
    db.close();
  }

  private WebhookEndpoint helpdesk() {
    return new WebhookEndpoint("helpdesk", receiver.url(), SECRET, Duration.ofSeconds(5), 5);
  }

  private WebhookDispatcher dispatcher(WebhookEndpoint... endpoints) {
    return new WebhookDispatcher(outbox, List.of(endpoints), http, clock, NO_JITTER, meters);
  }

  private void enqueue(String key) {
    outbox.enqueue(new WebhookDelivery.New(key, "helpdesk", receiver.url().toString(), "handoff.created",
        "{\"type\":\"handoff.created\",\"id\":\"" + key + "\",\"text\":\"Grüße\"}"));
  }

  private WebhookDelivery stored(String key) {
    return outbox.find(key).orElseThrow();
  }

  private double count(String name) {
    var counter = meters.find(name).tag("endpoint", "helpdesk").counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void runDue_deliversOnce_withHeadersAReceiverCanVerify() {
    enqueue("d1");
    var dispatcher = dispatcher(helpdesk());

    assertThat(dispatcher.runDue()).isEqualTo(1);
    assertThat(dispatcher.runDue()).as("nothing left").isZero();

    assertThat(receiver.requests()).hasSize(1);
    Receiver.Request request = receiver.requests().getFirst();
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/tickets");
    assertThat(request.body()).isEqualTo("{\"type\":\"handoff.created\",\"id\":\"d1\",\"text\":\"Grüße\"}");
    assertThat(request.header("Content-Type")).isEqualTo("application/json");
    assertThat(request.header("X-Baton-Event")).isEqualTo("handoff.created");
    assertThat(request.header("X-Baton-Delivery")).isEqualTo("d1");
    assertThat(request.header("X-Baton-Attempt")).isEqualTo("1");
    assertThat(request.header("X-Baton-Timestamp")).isEqualTo(Long.toString(START.getEpochSecond()));
    assertThat(request.header("X-Baton-Signature")).startsWith("sha256=");
    assertThat(Signature.verify(SECRET, request.header("X-Baton-Timestamp"), request.body(), request.header("X-Baton-Signature"),
        Signature.DEFAULT_TOLERANCE, clock)).isTrue();
    assertThat(Signature.verify("another secret", request.header("X-Baton-Timestamp"), request.body(),
        request.header("X-Baton-Signature"), Signature.DEFAULT_TOLERANCE, clock)).isFalse();

    WebhookDelivery delivered = stored("d1");
    assertThat(delivered.state()).isEqualTo(WebhookDelivery.State.DELIVERED);
    assertThat(delivered.attempts()).isEqualTo(1);
    assertThat(delivered.lastStatus()).contains(200);
    assertThat(count("baton.webhook.delivered")).isEqualTo(1);
  }

  @Test
  void runDue_after500s_retriesOnTheSchedule_withTheSameDeliveryId() {
    enqueue("d1");
    receiver.failNext(2, 500);
    var dispatcher = dispatcher(helpdesk());

    dispatcher.runDue();
    assertThat(stored("d1").nextAttemptAt()).contains(START.plusSeconds(10));
    assertThat(stored("d1").lastError()).contains("HTTP 500");
    clock.advance(Duration.ofSeconds(9));
    assertThat(dispatcher.runDue()).as("not before the backoff").isZero();
    clock.advance(Duration.ofSeconds(1));
    assertThat(dispatcher.runDue()).isEqualTo(1);
    assertThat(stored("d1").nextAttemptAt()).contains(START.plusSeconds(10 + 30));
    clock.advance(Duration.ofSeconds(30));
    dispatcher.runDue();

    assertThat(stored("d1").state()).isEqualTo(WebhookDelivery.State.DELIVERED);
    assertThat(stored("d1").attempts()).isEqualTo(3);
    assertThat(receiver.requests()).extracting(request -> request.header("X-Baton-Delivery")).containsExactly("d1", "d1", "d1");
    assertThat(receiver.requests()).extracting(request -> request.header("X-Baton-Attempt")).containsExactly("1", "2", "3");
    assertThat(receiver.requests().getLast().header("X-Baton-Timestamp")).as("each attempt is signed afresh")
        .isEqualTo(Long.toString(START.plusSeconds(40).getEpochSecond()));
    assertThat(count("baton.webhook.failed")).isEqualTo(2);
    assertThat(count("baton.webhook.delivered")).isEqualTo(1);
  }

  @Test
  void runDue_on503WithRetryAfterSeconds_waitsThatLong() {
    enqueue("d1");
    receiver.replyWith(Receiver.Reply.status(503).withHeader("Retry-After", "120"));

    dispatcher(helpdesk()).runDue();

    assertThat(stored("d1").nextAttemptAt()).contains(START.plusSeconds(120));
  }

  @Test
  void runDue_on429WithRetryAfterDate_waitsUntilThen() {
    enqueue("d1");
    String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(START.plusSeconds(600).atZone(ZoneOffset.UTC));
    receiver.replyWith(Receiver.Reply.status(429).withHeader("Retry-After", date));

    dispatcher(helpdesk()).runDue();

    assertThat(stored("d1").nextAttemptAt()).contains(START.plusSeconds(600));
    assertThat(stored("d1").lastStatus()).contains(429);
  }

  @Test
  void runDue_withRetryAfterShorterThanTheSchedule_keepsTheSchedule() {
    enqueue("d1");
    receiver.replyWith(Receiver.Reply.status(503).withHeader("Retry-After", "1"));

    dispatcher(helpdesk()).runDue();

    assertThat(stored("d1").nextAttemptAt()).contains(START.plusSeconds(10));
  }

  @Test
  void runDue_on400_givesUpAtOnce_keepingWhatTheReceiverSaid() {
    enqueue("d1");
    receiver.replyWith(Receiver.Reply.status(400, "{\"error\":\"unknown field: packet\"}"));
    var dispatcher = dispatcher(helpdesk());

    dispatcher.runDue();
    clock.advance(Duration.ofDays(2));
    dispatcher.runDue();

    WebhookDelivery given = stored("d1");
    assertThat(given.state()).isEqualTo(WebhookDelivery.State.GIVEN_UP);
    assertThat(given.lastStatus()).contains(400);
    assertThat(given.lastError().orElseThrow()).contains("unknown field: packet");
    assertThat(receiver.requests()).hasSize(1);
    assertThat(count("baton.webhook.given_up")).isEqualTo(1);
  }

  @Test
  void runDue_on408_isRetried() {
    enqueue("d1");
    receiver.failNext(1, 408);

    dispatcher(helpdesk()).runDue();

    assertThat(stored("d1").state()).isEqualTo(WebhookDelivery.State.PENDING);
  }

  @Test
  void runDue_whenEveryAttemptFails_givesUpAfterMaxAttempts() {
    enqueue("d1");
    receiver.failNext(10, 502);
    var dispatcher = dispatcher(new WebhookEndpoint("helpdesk", receiver.url(), SECRET, Duration.ofSeconds(5), 3));

    dispatcher.runDue();
    clock.advance(Duration.ofSeconds(10));
    dispatcher.runDue();
    clock.advance(Duration.ofSeconds(30));
    dispatcher.runDue();
    clock.advance(Duration.ofDays(1));
    dispatcher.runDue();

    assertThat(receiver.requests()).hasSize(3);
    assertThat(stored("d1").state()).isEqualTo(WebhookDelivery.State.GIVEN_UP);
    assertThat(stored("d1").lastError().orElseThrow()).contains("HTTP 502").contains("attempt 3 of 3");
  }

  @Test
  void runDue_whenTheReceiverIsTooSlow_retriesLater() {
    enqueue("d1");
    receiver.replyWith(Receiver.Reply.status(200).after(Duration.ofSeconds(3)));
    var dispatcher = dispatcher(new WebhookEndpoint("helpdesk", receiver.url(), SECRET, Duration.ofMillis(300), 5));

    dispatcher.runDue();

    assertThat(stored("d1").state()).isEqualTo(WebhookDelivery.State.PENDING);
    assertThat(stored("d1").lastStatus()).isEmpty();
    assertThat(stored("d1").lastError().orElseThrow()).contains("no response within");
  }

  @Test
  void runDue_whenNobodyListens_retriesLater() {
    Receiver gone = Receiver.start();
    URI closed = gone.url();
    gone.close();
    outbox.enqueue(new WebhookDelivery.New("d1", "helpdesk", closed.toString(), "handoff.created", "{}"));

    dispatcher(new WebhookEndpoint("helpdesk", closed, SECRET, Duration.ofSeconds(2), 5)).runDue();

    assertThat(stored("d1").state()).isEqualTo(WebhookDelivery.State.PENDING);
    assertThat(stored("d1").nextAttemptAt()).contains(START.plusSeconds(10));
  }

  @Test
  void runDue_leavesDeliveriesOfEndpointsItDoesNotKnow() {
    outbox.enqueue(new WebhookDelivery.New("crm-1", "crm", receiver.url().toString(), "handoff.created", "{}"));

    assertThat(dispatcher(helpdesk()).runDue()).isZero();
    assertThat(receiver.requests()).isEmpty();
  }

  @Test
  void runDue_sendsToTheEndpointsCurrentUrl() {
    outbox.enqueue(new WebhookDelivery.New("d1", "helpdesk", "http://127.0.0.1:9/old", "handoff.created", "{}"));

    dispatcher(helpdesk()).runDue();

    assertThat(receiver.requests()).hasSize(1);
    assertThat(stored("d1").url()).isEqualTo(receiver.url().toString());
  }

  @Test
  void aDispatcherThatDiedMidSend_isReplacedWhenItsLeaseRunsOut() {
    enqueue("d1");
    outbox.claimDue(Set.of("helpdesk"), 10, Duration.ofSeconds(65)); // a node that then vanished
    var survivor = dispatcher(helpdesk());

    assertThat(survivor.runDue()).isZero();
    clock.advance(Duration.ofSeconds(65));
    assertThat(survivor.runDue()).isEqualTo(1);

    assertThat(stored("d1").state()).isEqualTo(WebhookDelivery.State.DELIVERED);
    assertThat(receiver.requests().getFirst().header("X-Baton-Attempt")).isEqualTo("2");
  }

  @Test
  void restart_aNewDispatcherOnTheSameDatabase_deliversWhatWasPending() throws Exception {
    Path dir = Files.createTempDirectory("baton-webhook-restart-");
    try {
      receiver.failNext(1, 503);
      try (Database before = Database.open(DatabaseSettings.embedded(dir))) {
        var outboxBefore = new WebhookOutbox(before.jdbi(), clock);
        outboxBefore.enqueue(new WebhookDelivery.New("d1", "helpdesk", receiver.url().toString(), "handoff.created", "{}"));
        outboxBefore.enqueue(new WebhookDelivery.New("d2", "helpdesk", receiver.url().toString(), "handoff.created", "{}"));
        new WebhookDispatcher(outboxBefore, List.of(helpdesk()), http, clock, NO_JITTER, meters).runDue();
      }
      clock.advance(Duration.ofMinutes(1));
      try (Database after = Database.open(DatabaseSettings.embedded(dir))) {
        var outboxAfter = new WebhookOutbox(after.jdbi(), clock);
        new WebhookDispatcher(outboxAfter, List.of(helpdesk()), http, clock, NO_JITTER, meters).runDue();
        assertThat(outboxAfter.pending(10)).isEmpty();
      }
      assertThat(receiver.requests()).as("one of them twice: failed, then sent after the restart").hasSize(3)
          .extracting(request -> request.header("X-Baton-Delivery")).containsOnly("d1", "d2");
    } finally {
      TestDatabases.deleteQuietly(dir);
    }
  }

  @Test
  void start_sendsAnEnqueuedDeliveryAsSoonAsItIsWoken() throws Exception {
    var live = dispatcher(helpdesk());
    live.start();
    try {
      Thread.sleep(300); // let the first (empty) round pass, so only the wake-up can explain a quick send
      outbox.enqueue(new WebhookDelivery.New("d1", "helpdesk", receiver.url().toString(), "handoff.created", "{}"));
      live.wake();
      long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
      while (receiver.requests().isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(receiver.requests()).as("sent well before the %s poll", WebhookDispatcher.POLL).hasSize(1);
    } finally {
      live.close();
    }
  }

  @Test
  void delay_isTheScheduleWithinTwentyPercent_cappedAtTheLastStep() {
    var low = new WebhookDispatcher(outbox, List.of(helpdesk()), http, clock, fixed(0.0), meters);
    var high = new WebhookDispatcher(outbox, List.of(helpdesk()), http, clock, fixed(0.999_999), meters);

    assertThat(low.delay(1, Optional.empty())).isEqualTo(Duration.ofSeconds(8));
    assertThat(high.delay(1, Optional.empty())).isBetween(Duration.ofMillis(11_999), Duration.ofSeconds(12));
    assertThat(dispatcher(helpdesk()).delay(5, Optional.empty())).isEqualTo(Duration.ofHours(1));
    assertThat(dispatcher(helpdesk()).delay(40, Optional.empty())).isEqualTo(Duration.ofHours(6));
    assertThat(dispatcher(helpdesk()).delay(1, Optional.of(Duration.ofDays(3)))).as("Retry-After is capped").isEqualTo(Duration.ofHours(6));
  }

  @Test
  void retryAfter_readsSecondsAndDates_andIgnoresNonsense() {
    assertThat(WebhookDispatcher.retryAfter("30", START)).contains(Duration.ofSeconds(30));
    assertThat(WebhookDispatcher.retryAfter("Wed, 25 Nov 2026 10:05:00 GMT", START)).contains(Duration.ofMinutes(5));
    assertThat(WebhookDispatcher.retryAfter("Wed, 25 Nov 2026 09:00:00 GMT", START)).contains(Duration.ZERO);
    assertThat(WebhookDispatcher.retryAfter("soon", START)).isEmpty();
    assertThat(WebhookDispatcher.retryAfter("-5", START)).isEmpty();
  }

  private static RandomGenerator fixed(double value) {
    return new RandomGenerator() {
      @Override
      public long nextLong() {
        return 0;
      }

      @Override
      public double nextDouble() {
        return value;
      }
    };
  }
}
