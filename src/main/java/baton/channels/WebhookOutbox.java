package baton.channels;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * The webhook outbox: deliveries kept in the system-of-record database until they are delivered or
 * given up, so they survive restarts and any node can send them. Plain SQL for PostgreSQL and H2 in
 * PostgreSQL mode.
 *
 * <p>States and invariants. A delivery is <em>pending</em> while {@code next_attempt_at} is set, and
 * is due once that time has come; {@code delivered_at} or {@code given_up_at} ends it and clears
 * {@code next_attempt_at}, after which nothing changes it again. Claiming a due delivery moves {@code
 * next_attempt_at} to the end of the lease and stamps a fresh {@code claim_token}: the row is no longer
 * due, so no other dispatcher takes it while the holder is sending, and only the holder (token match)
 * can record the outcome. If the holder dies, the lease runs out, the delivery is due again and is
 * sent again: at least once, never lost. Claims lock candidate rows with {@code for update skip
 * locked}, so dispatchers on several nodes take different rows instead of queuing on one; the claim
 * update re-checks that the row is still due, so even without skip-locking two claims cannot both win.
 * {@code attempts} counts claims, so an attempt that crashed its node still counts towards the limit.
 * Times are truncated to microseconds because PostgreSQL stores no finer. Thread-safe.
 */
public final class WebhookOutbox {
  private static final String COLUMNS = "id, idempotency_key, endpoint, url, event, payload, created_at, attempts,"
      + " next_attempt_at, last_status, last_error, delivered_at, given_up_at";
  private static final int MAX_ERROR_CHARS = 1000;

  private final Jdbi jdbi;
  private final Clock clock;

  public WebhookOutbox(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  /**
   * Adds a delivery, due now. Returns false, changing nothing, when a delivery with the same
   * idempotency key is already stored: enqueuing one event twice sends it once.
   */
  public boolean enqueue(WebhookDelivery.New delivery) {
    Instant now = now();
    try {
      return jdbi.inTransaction(handle -> {
        if (exists(handle, delivery.idempotencyKey())) {
          return false;
        }
        handle.createUpdate("insert into webhook_deliveries (id, idempotency_key, endpoint, url, event, payload, created_at,"
                + " attempts, next_attempt_at) values (:id, :key, :endpoint, :url, :event, :payload, :now, 0, :now)")
            .bind("id", UUID.randomUUID())
            .bind("key", delivery.idempotencyKey())
            .bind("endpoint", delivery.endpoint())
            .bind("url", delivery.url())
            .bind("event", delivery.event())
            .bind("payload", delivery.payload())
            .bind("now", now)
            .execute();
        return true;
      });
    } catch (UnableToExecuteStatementException e) {
      // Two enqueues of one key raced past the check; the unique key let one in.
      if (jdbi.withHandle(handle -> exists(handle, delivery.idempotencyKey()))) {
        return false;
      }
      throw e;
    }
  }

  private static boolean exists(Handle handle, String key) {
    return handle.createQuery("select 1 from webhook_deliveries where idempotency_key = :key").bind("key", key)
        .mapTo(Integer.class).findOne().isPresent();
  }

  /**
   * Claims up to {@code limit} due deliveries for these endpoints, oldest due first, for {@code lease}:
   * until then no other claim returns them. Deliveries for endpoints not listed stay untouched, so a
   * node that does not know an endpoint (or its secret) never takes its deliveries.
   */
  public List<WebhookDelivery.Claim> claimDue(Collection<String> endpoints, int limit, Duration lease) {
    if (endpoints.isEmpty() || limit < 1) {
      return List.of();
    }
    Instant now = now();
    Instant until = now.plus(lease).truncatedTo(ChronoUnit.MICROS);
    UUID token = UUID.randomUUID();
    return jdbi.inTransaction(handle -> {
      List<UUID> candidates = handle.createQuery("select id from webhook_deliveries"
              + " where next_attempt_at <= :now and endpoint in (<endpoints>)"
              + " order by next_attempt_at, id limit :limit for update skip locked")
          .bind("now", now)
          .bindList("endpoints", List.copyOf(endpoints))
          .bind("limit", limit)
          .mapTo(UUID.class)
          .list();
      List<WebhookDelivery.Claim> claims = new ArrayList<>();
      for (UUID id : candidates) {
        int won = handle.createUpdate("update webhook_deliveries set claim_token = :token, leased_until = :until,"
                + " next_attempt_at = :until, attempts = attempts + 1 where id = :id and next_attempt_at <= :now")
            .bind("token", token)
            .bind("until", until)
            .bind("id", id)
            .bind("now", now)
            .execute();
        if (won == 1) {
          claims.add(new WebhookDelivery.Claim(findIn(handle, id).orElseThrow(), token, until));
        }
      }
      return claims;
    });
  }

  /**
   * Records how the claimed attempt ended and releases the claim; {@code url} is where it went.
   * Returns false, changing nothing, when the claim is no longer held (its lease ran out and another
   * dispatcher took the delivery, or it was already recorded).
   */
  public boolean record(WebhookDelivery.Claim claim, String url, AttemptOutcome outcome) {
    Instant now = now();
    String release = ", url = :url, claim_token = null, leased_until = null where id = :id and claim_token = :token";
    return jdbi.withHandle(handle -> {
      var update = switch (outcome) {
        case AttemptOutcome.Delivered delivered -> handle.createUpdate("update webhook_deliveries set delivered_at = :now,"
                + " next_attempt_at = null, last_status = :status, last_error = null" + release)
            .bind("now", now)
            .bind("status", Integer.valueOf(delivered.status()));
        case AttemptOutcome.RetryAt retry -> handle.createUpdate("update webhook_deliveries set next_attempt_at = :next,"
                + " last_status = :status, last_error = :error" + release)
            .bind("next", retry.at().truncatedTo(ChronoUnit.MICROS))
            .bind("status", retry.status().orElse(null))
            .bind("error", clip(retry.error()));
        case AttemptOutcome.GaveUp gaveUp -> handle.createUpdate("update webhook_deliveries set given_up_at = :now,"
                + " next_attempt_at = null, last_status = :status, last_error = :error" + release)
            .bind("now", now)
            .bind("status", gaveUp.status().orElse(null))
            .bind("error", clip(gaveUp.error()));
      };
      return update.bind("url", url).bind("id", claim.delivery().id()).bind("token", claim.token()).execute() == 1;
    });
  }

  private static String clip(String error) {
    return error.length() <= MAX_ERROR_CHARS ? error : error.substring(0, MAX_ERROR_CHARS - 1) + "…";
  }

  public Optional<WebhookDelivery> find(String idempotencyKey) {
    return jdbi.withHandle(handle -> handle.createQuery("select " + COLUMNS + " from webhook_deliveries where idempotency_key = :key")
        .bind("key", idempotencyKey)
        .map((rs, ctx) -> delivery(rs))
        .findOne());
  }

  /** Deliveries not yet delivered or given up, oldest first: what an operator looks at when a receiver is down. */
  public List<WebhookDelivery> pending(int limit) {
    return jdbi.withHandle(handle -> handle.createQuery("select " + COLUMNS + " from webhook_deliveries"
            + " where next_attempt_at is not null order by created_at, id limit :limit")
        .bind("limit", limit)
        .map((rs, ctx) -> delivery(rs))
        .list());
  }

  /** When the next delivery for these endpoints falls due (possibly already), if any is pending. */
  public Optional<Instant> nextDue(Collection<String> endpoints) {
    if (endpoints.isEmpty()) {
      return Optional.empty();
    }
    return jdbi.withHandle(handle -> handle.createQuery("select min(next_attempt_at) as due from webhook_deliveries"
            + " where next_attempt_at is not null and endpoint in (<endpoints>)")
        .bindList("endpoints", List.copyOf(endpoints))
        .map((rs, ctx) -> Optional.ofNullable(instantOrNull(rs, "due")))
        .one());
  }

  private static Optional<WebhookDelivery> findIn(Handle handle, UUID id) {
    return handle.createQuery("select " + COLUMNS + " from webhook_deliveries where id = :id")
        .bind("id", id)
        .map((rs, ctx) -> delivery(rs))
        .findOne();
  }

  private static WebhookDelivery delivery(ResultSet rs) throws SQLException {
    int status = rs.getInt("last_status");
    Optional<Integer> lastStatus = rs.wasNull() ? Optional.empty() : Optional.of(status);
    return new WebhookDelivery(
        rs.getObject("id", UUID.class),
        rs.getString("idempotency_key"),
        rs.getString("endpoint"),
        rs.getString("url"),
        rs.getString("event"),
        rs.getString("payload"),
        instantOrNull(rs, "created_at"),
        rs.getInt("attempts"),
        Optional.ofNullable(instantOrNull(rs, "next_attempt_at")),
        lastStatus,
        Optional.ofNullable(rs.getString("last_error")),
        Optional.ofNullable(instantOrNull(rs, "delivered_at")),
        Optional.ofNullable(instantOrNull(rs, "given_up_at")));
  }

  private static Instant instantOrNull(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
