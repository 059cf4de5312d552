package baton.routing;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How long a customer joining a team's queue will wait for a person, from live state. The model, a
 * documented moving average rather than Erlang C (chat agents hold several conversations at once and
 * handle times are far from exponential, so Erlang's assumptions do not hold):
 *
 * <ul>
 *   <li>nobody online: no estimate — the caller falls back to the tier's promise and says so;
 *   <li>free slots for everyone queued: the recent median pickup time (how long agents take to notice),
 *       at least half a minute;
 *   <li>otherwise each of the {@code onlineCapacity} slots frees up on average every median handle
 *       time, so the customer waits for {@code (queued - freeSlots)} releases:
 *       {@code pickup + (queued - freeSlots) × handle / onlineCapacity}.
 * </ul>
 *
 * Medians over the recent window resist the odd conversation left open overnight. Without history the
 * defaults are 1 minute pickup and 8 minutes handling. Stateless, thread-safe.
 */
public final class WaitEstimator {
  static final Duration DEFAULT_PICKUP = Duration.ofMinutes(1);
  static final Duration DEFAULT_HANDLE = Duration.ofMinutes(8);
  private static final Duration MIN_PICKUP = Duration.ofSeconds(30);

  public Optional<Duration> estimate(QueueSnapshot queue) {
    if (queue.onlineCapacity() <= 0) {
      return Optional.empty();
    }
    Duration pickup = median(queue.recentPickupTimes()).orElse(DEFAULT_PICKUP);
    if (pickup.compareTo(MIN_PICKUP) < 0) {
      pickup = MIN_PICKUP;
    }
    int ahead = queue.queued() - queue.freeSlots();
    if (ahead <= 0) {
      return Optional.of(pickup);
    }
    Duration handle = median(queue.recentHandleTimes()).orElse(DEFAULT_HANDLE);
    return Optional.of(pickup.plus(handle.multipliedBy(ahead).dividedBy(queue.onlineCapacity())));
  }

  static Optional<Duration> median(List<Duration> samples) {
    if (samples.isEmpty()) {
      return Optional.empty();
    }
    List<Duration> sorted = samples.stream().sorted().toList();
    return Optional.of(sorted.get(sorted.size() / 2));
  }
}
