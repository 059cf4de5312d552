package baton.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WaitEstimatorTest {
  private final WaitEstimator estimator = new WaitEstimator();

  private static List<Duration> minutes(double... values) {
    List<Duration> durations = new ArrayList<>();
    for (double value : values) {
      durations.add(Duration.ofSeconds(Math.round(value * 60)));
    }
    return durations;
  }

  @Test
  void estimate_withNobodyOnline_isEmpty_soTheCallerPromisesTheTierTarget() {
    assertThat(estimator.estimate(new QueueSnapshot(3, 0, 0, minutes(5), minutes(1)))).isEmpty();
  }

  @Test
  void estimate_withAFreeSlot_isThePickupTime_butNeverUnderHalfAMinute() {
    assertThat(estimator.estimate(new QueueSnapshot(1, 3, 2, minutes(6), minutes(2, 1.5, 9)))).contains(Duration.ofMinutes(2));
    assertThat(estimator.estimate(new QueueSnapshot(1, 3, 2, minutes(6), minutes(0.1)))).contains(Duration.ofSeconds(30));
  }

  @Test
  void estimate_behindOthers_addsAHandleTimePerFullRoundOfSlots_usingMediansAgainstOutliers() {
    // 7 waiting, 2 free slots, 5 slots in all: 5 must leave first, one handle time (median 6) per 5 releases.
    var queue = new QueueSnapshot(7, 5, 2, minutes(6, 5, 600, 7, 6), minutes(1));
    assertThat(estimator.estimate(queue)).contains(Duration.ofMinutes(1).plus(Duration.ofMinutes(6)));
  }

  @Test
  void estimate_withoutHistory_usesTheDefaults() {
    assertThat(estimator.estimate(new QueueSnapshot(2, 1, 0, List.of(), List.of())))
        .contains(WaitEstimator.DEFAULT_PICKUP.plus(WaitEstimator.DEFAULT_HANDLE.multipliedBy(2)));
  }

  /**
   * A queue simulated in virtual time (no wall clock): agents' slots each take the next waiting
   * conversation after a pickup delay and hold it for a random handle time. The estimate made when each
   * conversation joins is compared with when it was really picked up.
   */
  @Test
  void estimate_againstASimulatedQueue_isWithinAQuarterOnAverage() {
    var random = new SplittableRandom(7);
    int slots = 6;
    Duration pickup = Duration.ofSeconds(40);
    List<Duration> history = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      history.add(Duration.ofSeconds(300 + random.nextInt(240)));
    }
    // All slots are busy, freeing up at random times; 30 customers are already waiting.
    var freeAt = new PriorityQueue<Long>();
    for (int slot = 0; slot < slots; slot++) {
      freeAt.add((long) random.nextInt(420));
    }
    double errors = 0;
    int customers = 30;
    for (int k = 1; k <= customers; k++) {
      Duration estimated = estimator.estimate(new QueueSnapshot(k, slots, 0, history, List.of(pickup))).orElseThrow();
      long slotFree = freeAt.poll();
      long pickedUp = slotFree + pickup.toSeconds();
      long handle = 300 + random.nextInt(240);
      freeAt.add(pickedUp + handle);
      errors += Math.abs(estimated.toSeconds() - pickedUp) / (double) Math.max(pickedUp, 60);
    }
    assertThat(errors / customers).isLessThan(0.25);
  }
}
