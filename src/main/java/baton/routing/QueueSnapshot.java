package baton.routing;

import java.time.Duration;
import java.util.List;

/**
 * A team queue as it stands now, what a wait estimate is made from.
 *
 * @param queued conversations waiting, the new one included
 * @param onlineCapacity sum of the capacities of the team's online agents
 * @param freeSlots conversations the online agents could take right now
 * @param recentHandleTimes how long recent conversations stayed with an agent (claim to resolve), newest first
 * @param recentPickupTimes how long recent conversations waited to be picked up (queued to claim), newest first
 */
public record QueueSnapshot(int queued, int onlineCapacity, int freeSlots, List<Duration> recentHandleTimes,
    List<Duration> recentPickupTimes) {
  public QueueSnapshot {
    recentHandleTimes = List.copyOf(recentHandleTimes);
    recentPickupTimes = List.copyOf(recentPickupTimes);
  }
}
