package baton.conversation;

import baton.routing.QueueSnapshot;
import baton.routing.QueueWaits;
import baton.routing.WaitEstimator;
import java.util.Optional;

/**
 * Wait estimates from the store's live queue state: the snapshot of a team's queue with the new
 * conversation counted in, run through the {@link WaitEstimator}. Thread-safe.
 */
public final class StoredQueueWaits implements QueueWaits {
  private static final int WINDOW = 50;

  private final ConversationStore store;
  private final WaitEstimator estimator;
  private final baton.routing.TeamStore teams;
  private final java.time.Clock clock;

  public StoredQueueWaits(ConversationStore store, WaitEstimator estimator) {
    this(store, estimator, null, java.time.Clock.systemUTC());
  }

  /** With {@code teams}, a team outside its business hours reports when it opens (null: hours ignored). */
  public StoredQueueWaits(ConversationStore store, WaitEstimator estimator, baton.routing.TeamStore teams, java.time.Clock clock) {
    this.store = store;
    this.estimator = estimator;
    this.teams = teams;
    this.clock = clock;
  }

  @Override
  public Optional<Estimate> estimate(String teamId) {
    QueueSnapshot now = store.queueSnapshot(teamId, WINDOW);
    // Asked while deciding a handoff, before it commits: the conversation joins behind everyone queued.
    var joining = new QueueSnapshot(now.queued() + 1, now.onlineCapacity(), now.freeSlots(), now.recentHandleTimes(),
        now.recentPickupTimes());
    java.time.Instant at = clock.instant();
    Optional<java.time.ZonedDateTime> opensAt = teams == null ? Optional.empty() : teams.find(teamId)
        .filter(team -> !team.isOpen(at))
        .flatMap(team -> team.hours().flatMap(hours -> hours.nextOpening(at)));
    if (opensAt.isPresent()) {
      // Closed: whoever is online is not working this queue; the promise counts from the opening.
      return Optional.of(new Estimate(Optional.empty(), joining.queued(), opensAt));
    }
    return Optional.of(new Estimate(estimator.estimate(joining), joining.queued()));
  }
}
