package baton.routing;

import java.time.Duration;
import java.util.Optional;

/**
 * Live wait estimates per team queue, for the handoff copy. Empty when no estimate is honest (nobody
 * online); the caller then promises the tier's target time instead.
 */
public interface QueueWaits {

  /** The estimated wait of a conversation joining the team's queue now (empty: nobody online), and its place in line. */
  Optional<Estimate> estimate(String teamId);

  /**
   * @param opensAt when the team is closed (outside its business hours), when it opens next; the wait
   *     then counts from that time
   */
  record Estimate(Optional<Duration> expectedWait, int position, Optional<java.time.ZonedDateTime> opensAt) {
    public Estimate(Optional<Duration> expectedWait, int position) {
      this(expectedWait, position, Optional.empty());
    }

    public boolean closed() {
      return opensAt.isPresent();
    }
  }

  /** For tools and tests that have no live queues. */
  QueueWaits NONE = teamId -> Optional.empty();
}
