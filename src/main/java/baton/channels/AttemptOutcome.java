package baton.channels;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * How one attempt to deliver a webhook ended, as the dispatcher judged the response. Closed set: the
 * outbox records each kind differently and nothing else can happen. {@code status} is empty when no
 * HTTP response came (timeout, connection refused).
 */
public sealed interface AttemptOutcome {

  /** A 2xx: the receiver has it; never sent again. */
  record Delivered(int status) implements AttemptOutcome {}

  /** A failure worth trying again (5xx, 408, 429, no response), not before {@code at}. */
  record RetryAt(Optional<Integer> status, String error, Instant at) implements AttemptOutcome {
    public RetryAt {
      requireNonNull(status, "status");
      requireNonNull(error, "error");
      requireNonNull(at, "at");
    }
  }

  /** A permanent refusal (other 4xx), or the last attempt failed: never sent again. */
  record GaveUp(Optional<Integer> status, String error) implements AttemptOutcome {
    public GaveUp {
      requireNonNull(status, "status");
      requireNonNull(error, "error");
    }
  }
}
