package baton.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import baton.MutableClock;
import baton.platform.Database;
import baton.platform.OnPostgres;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PostgresAuditLogTest extends OnPostgres implements AuditLogContract {
  private final MutableClock clock = new MutableClock(START);

  @Override
  public MutableClock clock() {
    return clock;
  }

  /** Two server nodes share nothing but the database: each has its own pool, its own clock. */
  @Test
  void twoNodesOnOneDatabase_appendingAtOnce_buildOneGaplessChain() throws Exception {
    try (Database otherNode = Database.open(database().settings())) {
      List<AuditLog> nodes = List.of(new JdbiAuditLog(database().jdbi(), Clock.systemUTC()),
          new JdbiAuditLog(otherNode.jdbi(), Clock.systemUTC()));
      ExecutorService pool = Executors.newFixedThreadPool(6);
      try {
        var start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
          AuditLog node = nodes.get(t % 2);
          int thread = t;
          futures.add(pool.submit(() -> {
            start.await();
            for (int i = 0; i < 100; i++) {
              node.append(AuditEvent.of("agent:" + thread, "transfer", "conversation:" + i));
            }
            return null;
          }));
        }
        start.countDown();
        for (Future<?> future : futures) {
          future.get(120, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }

      Verification verification = nodes.get(1).verify();
      assertThat(verification.intact()).as(verification.summary()).isTrue();
      assertThat(verification.checked()).isEqualTo(600);
      assertThat(nodes.get(0).head()).isEqualTo(new ChainHead(600, verification.reached().hash()));
    }
  }
}
