package baton.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CpuSlotsTest {

  @Test
  void run_neverLetsMoreThanItsSlotsWorkAtOnce_andEveryCallerGetsItsAnswer() throws Exception {
    var slots = new CpuSlots(2);
    var working = new AtomicInteger();
    var most = new AtomicInteger();
    List<Future<Integer>> answers = new ArrayList<>();
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 40; i++) {
        int number = i;
        answers.add(pool.submit(() -> slots.run(() -> {
          most.accumulateAndGet(working.incrementAndGet(), Math::max);
          busyFor(2);
          working.decrementAndGet();
          return number * number;
        })));
      }
      for (int i = 0; i < answers.size(); i++) {
        assertThat(answers.get(i).get(30, TimeUnit.SECONDS)).isEqualTo(i * i);
      }
    }
    assertThat(most.get()).isBetween(1, 2);
  }

  @Test
  void run_fromAVirtualThread_computesOnAPlatformThread_soTheCarrierIsFree() throws Exception {
    var slots = new CpuSlots(1);
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      Thread worker = pool.submit(() -> slots.run(Thread::currentThread)).get(5, TimeUnit.SECONDS);
      assertThat(worker.isVirtual()).isFalse();
      assertThat(worker.getName()).startsWith("cpu-work-");
    }
  }

  @Test
  void aFailingTask_givesItsSlotBack() {
    var slots = new CpuSlots(1);
    assertThatThrownBy(() -> slots.run(() -> {
      throw new IllegalStateException("bad input");
    })).hasMessage("bad input");
    assertThat(slots.run(() -> "next")).isEqualTo("next");
  }

  @Test
  void leavingOneCoreFree_hasAtLeastOneSlot() {
    assertThat(CpuSlots.leavingOneCoreFree().size())
        .isEqualTo(Math.max(1, Runtime.getRuntime().availableProcessors() - 1));
    assertThatThrownBy(() -> new CpuSlots(0)).isInstanceOf(IllegalArgumentException.class);
  }

  private static void busyFor(long millis) {
    long end = System.nanoTime() + millis * 1_000_000;
    while (System.nanoTime() < end) {
      Thread.onSpinWait();
    }
  }
}
