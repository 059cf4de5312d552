package baton.channels;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the outbox's due webhook deliveries: signs each attempt, POSTs it, and records whether it was
 * delivered, should be retried later, or is given up.
 *
 * <p>How a response is judged: 2xx is delivered. 408, 429, 5xx, 3xx (redirects are never followed, so
 * a moved endpoint is fixed in the configuration, not by us trusting a Location header), timeouts and
 * connection errors are retried; any other 4xx is a permanent refusal and given up at once. A retry
 * waits {@link #SCHEDULE} (10 s, 30 s, 2 min, 10 min, 1 h, 3 h, then every 6 h) with ±20 % jitter, so
 * deliveries that failed together do not return together; a {@code Retry-After} (seconds or HTTP date)
 * longer than that wins, up to 6 h. After the endpoint's {@code maxAttempts} the delivery is given up.
 *
 * <p>Who sends what is the outbox's business: a dispatcher only ever sends deliveries it has claimed,
 * so any number of dispatchers on any number of nodes can run at once. Its lease covers the slowest
 * endpoint's timeout plus a margin, so it records the outcome before anyone else may take the
 * delivery. Times come from the injected clock; only the idle wait between rounds is real time.
 *
 * <p>{@link #start()} runs the loop on a virtual thread: a round of {@link #runDue()}, then sleep until
 * the next delivery falls due, at most {@link #POLL} (which is how soon deliveries enqueued on another
 * node are noticed), or until {@link #wake()} (an enqueue on this node). Tests call {@link #runDue()}
 * directly and move the clock. Thread-safe.
 */
public final class WebhookDispatcher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
  /** The wait before attempt 2, 3, …; the last entry repeats. */
  public static final List<Duration> SCHEDULE = List.of(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(2),
      Duration.ofMinutes(10), Duration.ofHours(1), Duration.ofHours(3), Duration.ofHours(6));
  static final Duration MAX_DELAY = Duration.ofHours(6);
  static final Duration POLL = Duration.ofSeconds(5);
  private static final Duration MIN_IDLE = Duration.ofMillis(200);
  private static final Duration LEASE_MARGIN = Duration.ofSeconds(60);
  private static final int BATCH = 16;
  private static final int ERROR_BODY_BYTES = 300;

  private final WebhookOutbox outbox;
  private final Map<String, WebhookEndpoint> endpoints;
  private final HttpClient http;
  private final boolean ownsHttp;
  private final Clock clock;
  private final RandomGenerator random;
  private final MeterRegistry meters;
  private final Duration lease;
  private final Semaphore wakeUps = new Semaphore(0);
  private volatile boolean running;
  private Thread loop;

  /**
   * A dispatcher for these endpoints with its own HTTP client. {@code endpoints} are matched to
   * deliveries by name; deliveries for names not listed are left for a node that knows them.
   */
  public WebhookDispatcher(WebhookOutbox outbox, Collection<WebhookEndpoint> endpoints, Clock clock, MeterRegistry meters) {
    this(outbox, endpoints, HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(10)).build(), true, clock, RandomGenerator.getDefault(), meters);
  }

  /** With a given HTTP client (closed by its owner, not here) and source of jitter, for tests. */
  public WebhookDispatcher(WebhookOutbox outbox, Collection<WebhookEndpoint> endpoints, HttpClient http, Clock clock,
      RandomGenerator random, MeterRegistry meters) {
    this(outbox, endpoints, http, false, clock, random, meters);
  }

  private WebhookDispatcher(WebhookOutbox outbox, Collection<WebhookEndpoint> endpoints, HttpClient http, boolean ownsHttp, Clock clock,
      RandomGenerator random, MeterRegistry meters) {
    this.outbox = outbox;
    var byName = new LinkedHashMap<String, WebhookEndpoint>();
    for (WebhookEndpoint endpoint : endpoints) {
      if (byName.put(endpoint.name(), endpoint) != null) {
        throw new IllegalArgumentException("two webhook endpoints are named " + endpoint.name());
      }
    }
    this.endpoints = Map.copyOf(byName);
    this.http = http;
    this.ownsHttp = ownsHttp;
    this.clock = clock;
    this.random = random;
    this.meters = meters;
    Duration slowest = endpoints.stream().map(WebhookEndpoint::timeout).max(Duration::compareTo).orElse(Duration.ZERO);
    this.lease = slowest.plus(LEASE_MARGIN);
  }

  /** Starts the background loop; deliveries already due (say, from before a restart) go out at once. */
  public synchronized void start() {
    if (loop != null) {
      throw new IllegalStateException("the webhook dispatcher is already started");
    }
    running = true;
    loop = Thread.ofVirtual().name("webhooks").start(this::loop);
  }

  /** Tells the loop a delivery was just enqueued, so it goes out now rather than at the next poll. */
  public void wake() {
    wakeUps.release();
  }

  private void loop() {
    while (running) {
      Duration idle = POLL;
      try {
        runDue();
        idle = outbox.nextDue(endpoints.keySet()).map(due -> Duration.between(clock.instant(), due)).orElse(POLL);
      } catch (RuntimeException e) {
        log.error("webhook dispatch round failed; trying again in {} s", POLL.toSeconds(), e);
      }
      idle = idle.compareTo(MIN_IDLE) < 0 ? MIN_IDLE : idle.compareTo(POLL) > 0 ? POLL : idle;
      try {
        wakeUps.tryAcquire(idle.toMillis(), TimeUnit.MILLISECONDS);
        wakeUps.drainPermits();
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /**
   * Sends every delivery due now (by the clock) that another dispatcher has not claimed, a batch at a
   * time, each batch in parallel; returns how many attempts were made. Safe to call from several
   * threads or nodes at once.
   */
  public int runDue() {
    int attempted = 0;
    while (true) {
      List<WebhookDelivery.Claim> claims = outbox.claimDue(endpoints.keySet(), BATCH, lease);
      if (claims.isEmpty()) {
        return attempted;
      }
      try (var sending = Executors.newVirtualThreadPerTaskExecutor()) {
        claims.forEach(claim -> sending.submit(() -> attempt(claim)));
      }
      attempted += claims.size();
    }
  }

  private void attempt(WebhookDelivery.Claim claim) {
    WebhookDelivery delivery = claim.delivery();
    WebhookEndpoint endpoint = endpoints.get(delivery.endpoint());
    AttemptOutcome outcome;
    try {
      outcome = post(endpoint, delivery);
    } catch (RuntimeException e) {
      // A bug of ours must not leave the claim hanging until its lease ends without a word.
      outcome = failed(endpoint, delivery.attempts(), Optional.empty(), "could not send: " + e, Optional.empty());
      log.error("webhook {} to {} could not be sent", delivery.idempotencyKey(), endpoint.name(), e);
    }
    boolean recorded = outbox.record(claim, endpoint.safeUrl(), outcome);
    if (!recorded) {
      log.warn("webhook {} to {}: the claim ran out before the outcome ({}) was recorded; it may be sent again",
          delivery.idempotencyKey(), endpoint.name(), outcome);
    }
    count(endpoint, delivery, outcome);
  }

  private AttemptOutcome post(WebhookEndpoint endpoint, WebhookDelivery delivery) {
    long timestamp = clock.instant().getEpochSecond();
    HttpRequest request = HttpRequest.newBuilder(endpoint.url())
        .timeout(endpoint.timeout())
        .header("Content-Type", "application/json")
        .header("User-Agent", "Baton-Webhooks/1")
        .header("X-Baton-Event", delivery.event())
        .header("X-Baton-Delivery", delivery.idempotencyKey())
        .header("X-Baton-Attempt", Integer.toString(delivery.attempts()))
        .header("X-Baton-Timestamp", Long.toString(timestamp))
        .header("X-Baton-Signature", Signature.sign(endpoint.secret(), timestamp, delivery.payload()))
        .POST(HttpRequest.BodyPublishers.ofString(delivery.payload(), StandardCharsets.UTF_8))
        .build();
    try {
      HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      int status = response.statusCode();
      String said = said(response);
      if (status >= 200 && status < 300) {
        return new AttemptOutcome.Delivered(status);
      }
      String error = "HTTP " + status + (said.isEmpty() ? "" : ": " + said);
      if (status >= 400 && status < 500 && status != 408 && status != 429) {
        return new AttemptOutcome.GaveUp(Optional.of(status), error);
      }
      return failed(endpoint, delivery.attempts(), Optional.of(status), error, retryAfter(response));
    } catch (HttpTimeoutException e) {
      return failed(endpoint, delivery.attempts(), Optional.empty(), "no response within " + endpoint.timeout().toMillis() + " ms",
          Optional.empty());
    } catch (ConnectException e) {
      return failed(endpoint, delivery.attempts(), Optional.empty(), "cannot connect to " + endpoint.url().getHost(), Optional.empty());
    } catch (IOException e) {
      return failed(endpoint, delivery.attempts(), Optional.empty(), "I/O error: " + e, Optional.empty());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failed(endpoint, delivery.attempts(), Optional.empty(), "interrupted: the node was shutting down", Optional.empty());
    }
  }

  /** The start of the response body, for the delivery's last error: receivers often say what is wrong. */
  private static String said(HttpResponse<InputStream> response) {
    try (InputStream body = response.body()) {
      return new String(body.readNBytes(ERROR_BODY_BYTES), StandardCharsets.UTF_8).replaceAll("\\s+", " ").strip();
    } catch (IOException e) {
      return "";
    }
  }

  private AttemptOutcome failed(WebhookEndpoint endpoint, int attempt, Optional<Integer> status, String error,
      Optional<Duration> retryAfter) {
    if (attempt >= endpoint.maxAttempts()) {
      return new AttemptOutcome.GaveUp(status, error + " (attempt " + attempt + " of " + endpoint.maxAttempts() + ")");
    }
    return new AttemptOutcome.RetryAt(status, error, clock.instant().plus(delay(attempt, retryAfter)));
  }

  /** The wait after failed attempt {@code attempt} (1-based): the schedule, jittered, or longer if asked. */
  Duration delay(int attempt, Optional<Duration> retryAfter) {
    Duration base = SCHEDULE.get(Math.min(Math.max(attempt, 1), SCHEDULE.size()) - 1);
    double jitter = 0.8 + 0.4 * random.nextDouble();
    Duration jittered = Duration.ofMillis(Math.round(base.toMillis() * jitter));
    Duration asked = retryAfter.map(wait -> wait.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : wait).orElse(Duration.ZERO);
    return asked.compareTo(jittered) > 0 ? asked : jittered;
  }

  private Optional<Duration> retryAfter(HttpResponse<?> response) {
    return response.headers().firstValue("Retry-After").flatMap(value -> retryAfter(value.strip(), clock.instant()));
  }

  /** {@code Retry-After} as delay-seconds or an HTTP date (RFC 9110 §10.2.3); unreadable values are ignored. */
  static Optional<Duration> retryAfter(String value, Instant now) {
    if (value.matches("\\d{1,10}")) {
      return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
    }
    try {
      Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private void count(WebhookEndpoint endpoint, WebhookDelivery delivery, AttemptOutcome outcome) {
    switch (outcome) {
      case AttemptOutcome.Delivered delivered -> {
        meters.counter("baton.webhook.delivered", "endpoint", endpoint.name()).increment();
        log.debug("webhook {} delivered to {} on attempt {}", delivery.idempotencyKey(), endpoint.name(), delivery.attempts());
      }
      case AttemptOutcome.RetryAt retry -> {
        meters.counter("baton.webhook.failed", "endpoint", endpoint.name()).increment();
        log.info("webhook {} to {} failed on attempt {} ({}); next attempt at {}", delivery.idempotencyKey(), endpoint.name(),
            delivery.attempts(), retry.error(), retry.at());
      }
      case AttemptOutcome.GaveUp gaveUp -> {
        meters.counter("baton.webhook.failed", "endpoint", endpoint.name()).increment();
        meters.counter("baton.webhook.given_up", "endpoint", endpoint.name()).increment();
        log.warn("webhook {} to {} given up after attempt {}: {}; it stays in webhook_deliveries", delivery.idempotencyKey(),
            endpoint.name(), delivery.attempts(), gaveUp.error());
      }
    }
  }

  /** The endpoints this dispatcher sends to, by name. */
  public Map<String, WebhookEndpoint> endpoints() {
    return endpoints;
  }

  /**
   * Stops the loop after the attempts in flight (each bounded by its endpoint's timeout); what is left
   * stays in the outbox for the next start or another node.
   */
  @Override
  public void close() {
    Thread thread;
    synchronized (this) {
      running = false;
      thread = loop;
    }
    wake();
    if (thread != null) {
      try {
        if (!thread.join(lease)) {
          thread.interrupt();
        }
      } catch (InterruptedException e) {
        thread.interrupt();
        Thread.currentThread().interrupt();
      }
    }
    if (ownsHttp) {
      http.close();
    }
  }
}
