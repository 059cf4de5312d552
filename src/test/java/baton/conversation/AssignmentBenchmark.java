package baton.conversation;

import baton.platform.TestDatabases;
import baton.routing.JdbiTeamStore;
import baton.routing.Team;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Routing throughput on PostgreSQL: 10,000 queued conversations assigned by {@code threads} workers
 * for 100 agents of capacity 100, through {@code assignNext}. Prints assignments per second for 1, 8,
 * 16 and 50 workers. Run with bench/assignment.sh (needs PostgreSQL on 127.0.0.1:5432).
 */
public final class AssignmentBenchmark {
  private AssignmentBenchmark() {}

  public static void main(String[] args) throws Exception {
    for (int threads : new int[] {1, 8, 16, 50}) {
      try (var db = TestDatabases.postgres(Math.min(threads + 2, 60))) {
        var jdbi = db.database().jdbi();
        new JdbiTeamStore(jdbi, Clock.systemUTC()).save(new Team("support", "Support", 5));
        List<AgentRef> agents = new ArrayList<>();
        jdbi.useTransaction(handle -> {
          PreparedBatch batch = handle.prepareBatch("insert into agents (id, email, name, password_hash, role, created_at, capacity)"
              + " values (:id, :email, :name, 'x', 'agent', :now, 100)");
          for (int i = 0; i < 100; i++) {
            UUID id = UUID.randomUUID();
            agents.add(new AgentRef(id, "Agent " + i));
            batch.bind("id", id).bind("email", id + "@bench").bind("name", "Agent " + i).bind("now", Instant.now()).add();
          }
          batch.execute();
        });
        ConcurrentAssignmentTest.queue(jdbi, 10_000);
        var store = new JdbiConversationStore(jdbi, Clock.systemUTC());
        AtomicInteger assigned = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        var start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          int worker = t;
          done.add(pool.submit(() -> {
            start.await();
            boolean any = true;
            while (any) {
              any = false;
              for (int a = worker; a < agents.size(); a += threads) {
                if (store.assignNext("support", agents.get(a), 100, NewMessage.system("joined")).isPresent()) {
                  assigned.incrementAndGet();
                  any = true;
                }
              }
            }
            return null;
          }));
        }
        long began = System.nanoTime();
        start.countDown();
        for (Future<?> future : done) {
          future.get(10, TimeUnit.MINUTES);
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        pool.shutdown();
        System.out.printf(Locale.ROOT, "%2d workers: %d assignments in %.1f s = %.0f assignments/s%n", threads, assigned.get(), seconds,
            assigned.get() / seconds);
      }
    }
  }
}
