package baton.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import baton.MutableClock;
import baton.platform.Database;
import baton.platform.DatabaseSettings;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import baton.platform.OnPostgres;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
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

  /** As above, with every entry recorded inside a domain transaction and chained after its commit. */
  @Test
  void twoNodesOnOneDatabase_recordingInsideTheirTransactions_buildOneGaplessChain() throws Exception {
    try (Database otherNode = Database.open(database().settings())) {
      List<Database> databases = List.of(database(), otherNode);
      List<AuditLog> nodes = List.of(new JdbiAuditLog(database().jdbi(), Clock.systemUTC()),
          new JdbiAuditLog(otherNode.jdbi(), Clock.systemUTC()));
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        var start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          int node = t % 2;
          int thread = t;
          futures.add(pool.submit(() -> {
            start.await();
            for (int i = 0; i < 100; i++) {
              int number = i;
              databases.get(node).jdbi().useTransaction(handle ->
                  nodes.get(node).append(handle, AuditEvent.of("agent:" + thread, "claim", "conversation:" + number)));
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

      // Every committing thread returned after its entry was chained: nothing waits, nothing is lost.
      assertThat(count("audit_pending")).isZero();
      assertThat(count("audit_log")).isEqualTo(800);
      Verification verification = nodes.get(0).verify();
      assertThat(verification.intact()).as(verification.summary()).isTrue();
      assertThat(verification.checked()).isEqualTo(800);
    }
  }

  /**
   * The pass after a commit runs on the committing thread's own connection (Jdbi reuses the thread's
   * open handle), so a pool whose every connection belongs to a committing thread cannot starve it.
   */
  @Test
  void chainingAfterCommit_needsNoSecondConnection() {
    DatabaseSettings settings = database().settings();
    var config = new HikariConfig();
    config.setJdbcUrl(settings.url());
    config.setUsername(settings.user());
    config.setPassword(settings.password());
    settings.schema().ifPresent(config::setSchema);
    config.setMaximumPoolSize(1);
    config.setConnectionTimeout(3_000);
    try (var oneConnection = new HikariDataSource(config)) {
      Jdbi jdbi = Jdbi.create(oneConnection);
      AuditLog log = new JdbiAuditLog(jdbi, clock());
      assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
        for (int i = 1; i <= 3; i++) {
          int number = i;
          jdbi.useTransaction(handle -> log.append(handle, aHandoff(number)));
        }
      });
      assertThat(count("audit_pending")).isZero();
      assertThat(chainedActionsBySql()).containsExactly("handoff:1", "handoff:2", "handoff:3");
    }
  }

  private long count(String table) {
    return database().jdbi().withHandle(handle -> handle.createQuery("select count(*) from " + table).mapTo(Long.class).one());
  }
}
