package baton.channels;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One webhook delivery as stored in the outbox: what to send, to which endpoint, and how it went so
 * far. {@code idempotencyKey} is sent as {@code X-Baton-Delivery} on every attempt, so receivers can
 * drop repeats. {@code url} is where the latest attempt went (where it will go, before the first).
 */
public record WebhookDelivery(
    UUID id, String idempotencyKey, String endpoint, String url, String event, String payload, Instant createdAt,
    int attempts, Optional<Instant> nextAttemptAt, Optional<Integer> lastStatus, Optional<String> lastError,
    Optional<Instant> deliveredAt, Optional<Instant> givenUpAt) {

  public WebhookDelivery {
    requireNonNull(id, "id");
    requireNonNull(idempotencyKey, "idempotencyKey");
    requireNonNull(endpoint, "endpoint");
    requireNonNull(url, "url");
    requireNonNull(event, "event");
    requireNonNull(payload, "payload");
    requireNonNull(createdAt, "createdAt");
    requireNonNull(nextAttemptAt, "nextAttemptAt");
    requireNonNull(lastStatus, "lastStatus");
    requireNonNull(lastError, "lastError");
    requireNonNull(deliveredAt, "deliveredAt");
    requireNonNull(givenUpAt, "givenUpAt");
  }

  /** Where a delivery stands; only {@code PENDING} deliveries are ever sent. */
  public enum State { PENDING, DELIVERED, GIVEN_UP }

  public State state() {
    if (deliveredAt.isPresent()) {
      return State.DELIVERED;
    }
    return givenUpAt.isPresent() ? State.GIVEN_UP : State.PENDING;
  }

  /** A delivery to add to the outbox. */
  public record New(String idempotencyKey, String endpoint, String url, String event, String payload) {
    public New {
      requireNonNull(idempotencyKey, "idempotencyKey");
      requireNonNull(endpoint, "endpoint");
      requireNonNull(url, "url");
      requireNonNull(event, "event");
      requireNonNull(payload, "payload");
      if (idempotencyKey.isBlank() || idempotencyKey.length() > 100) {
        throw new IllegalArgumentException("idempotency key must be 1-100 characters");
      }
    }
  }

  /**
   * A delivery one dispatcher holds until {@code leasedUntil}: only the holder of {@code token} can
   * record the attempt's outcome, and nobody else claims the delivery before the lease ends.
   */
  public record Claim(WebhookDelivery delivery, UUID token, Instant leasedUntil) {
    public Claim {
      requireNonNull(delivery, "delivery");
      requireNonNull(token, "token");
      requireNonNull(leasedUntil, "leasedUntil");
    }
  }
}
