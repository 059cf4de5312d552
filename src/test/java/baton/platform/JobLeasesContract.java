package baton.platform;

import static org.assertj.core.api.Assertions.assertThat;

import baton.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

abstract class JobLeasesContract {
  private static final Duration TTL = Duration.ofSeconds(90);
  private TestDatabases.TestDatabase database;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T09:00:00Z"));

  protected abstract TestDatabases.TestDatabase openDatabase();

  @BeforeEach
  void open() {
    database = openDatabase();
  }

  @AfterEach
  void close() {
    database.close();
  }

  private JobLeases node(String name) {
    return new JobLeases(database.database().jdbi(), clock, name);
  }

  @Test
  void firstNodeToAsk_holdsTheJob_andKeepsItByAskingAgain() {
    var a = node("a");
    var b = node("b");

    assertThat(a.tryHold("imap-poll", TTL)).isTrue();
    assertThat(b.tryHold("imap-poll", TTL)).isFalse();
    clock.advance(Duration.ofSeconds(60));
    assertThat(a.tryHold("imap-poll", TTL)).as("renewal").isTrue();
    clock.advance(Duration.ofSeconds(60));
    assertThat(b.tryHold("imap-poll", TTL)).as("a renewed 60 s ago, so its lease still runs").isFalse();
    assertThat(b.tryHold("web-sync", TTL)).as("jobs are leased one by one").isTrue();
  }

  @Test
  void holderDies_anotherNodeTakesOverAfterTheLeaseExpires() {
    var a = node("a");
    var b = node("b");
    assertThat(a.tryHold("imap-poll", TTL)).isTrue();

    clock.advance(TTL.plusSeconds(1));

    assertThat(b.tryHold("imap-poll", TTL)).isTrue();
    assertThat(a.tryHold("imap-poll", TTL)).as("the old holder, back, must wait its turn").isFalse();
  }

  @Test
  void release_handsTheJobOverAtOnce() {
    var a = node("a");
    var b = node("b");
    a.tryHold("purge", TTL);

    a.release("purge");

    assertThat(b.tryHold("purge", TTL)).isTrue();
  }

  @Test
  void manyNodesAskingAtOnce_exactlyOneHolds() throws Exception {
    var winners = ConcurrentHashMap.<String>newKeySet();
    var asks = new AtomicInteger();
    try (var pool = Executors.newFixedThreadPool(8)) {
      for (int i = 0; i < 8; i++) {
        String name = "node-" + i;
        pool.submit(() -> {
          asks.incrementAndGet();
          if (node(name).tryHold("web-sync", TTL)) {
            winners.add(name);
          }
        });
      }
    }
    assertThat(asks).hasValue(8);
    assertThat(winners).hasSize(1);
  }
}
