package baton.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class GroupCommitTest {

  @Test
  void await_returnsOnlyAfterAPassThatSawTheCallersWork_andSharesPassesUnderLoad() throws Exception {
    var committed = new AtomicLong();
    var seenByLastPass = new AtomicLong();
    var passes = new AtomicInteger();
    var group = new GroupCommit(() -> {
      long snapshot = committed.get();
      passes.incrementAndGet();
      sleep(2);
      seenByLastPass.accumulateAndGet(snapshot, Math::max);
    });
    int threads = 16;
    int perThread = 40;
    List<Future<Boolean>> results = new ArrayList<>();
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int t = 0; t < threads; t++) {
        results.add(pool.submit(() -> {
          boolean allSeen = true;
          for (int i = 0; i < perThread; i++) {
            long mine = committed.incrementAndGet();
            group.await();
            allSeen &= seenByLastPass.get() >= mine;
          }
          return allSeen;
        }));
      }
      for (Future<Boolean> result : results) {
        assertThat(result.get(60, TimeUnit.SECONDS)).isTrue();
      }
    }
    // 640 callers; passes of 2 ms shared by everyone who arrived meanwhile.
    assertThat(passes.get()).isLessThan(threads * perThread / 2);
  }

  @Test
  void aFailedPass_isRetriedByTheNextCaller_andItsFailureReachesTheThreadThatRanIt() {
    var failNext = new AtomicBoolean(true);
    var passes = new AtomicInteger();
    var group = new GroupCommit(() -> {
      passes.incrementAndGet();
      if (failNext.getAndSet(false)) {
        throw new IllegalStateException("database away");
      }
    });

    assertThatThrownBy(group::await).hasMessage("database away");
    group.await();

    assertThat(passes.get()).isEqualTo(2);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
