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

  public StoredQueueWaits(ConversationStore store, WaitEstimator estimator) {
    this.store = store;
    this.estimator = estimator;
  }

  @Override
  public Optional<Estimate> estimate(String teamId) {
    QueueSnapshot now = store.queueSnapshot(teamId, WINDOW);
    // Asked while deciding a handoff, before it commits: the conversation joins behind everyone queued.
    var joining = new QueueSnapshot(now.queued() + 1, now.onlineCapacity(), now.freeSlots(), now.recentHandleTimes(),
        now.recentPickupTimes());
    return Optional.of(new Estimate(estimator.estimate(joining), joining.queued()));
  }
}
