package baton.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import baton.MutableClock;
import baton.platform.Database;
import baton.platform.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AuditLog} must do, run against each real database. Tampering is done the way an
 * intruder would: with plain SQL on the stored rows.
 */
interface AuditLogContract {
  Instant START = Instant.parse("2025-03-01T09:00:00.123456789Z");

  Database database();

  MutableClock clock();

  default AuditLog log() {
    return new JdbiAuditLog(database().jdbi(), clock());
  }

  default AuditEvent aHandoff(int number) {
    return AuditEvent.of("bot", "handoff", "conversation:" + new UUID(0, number), Map.of("team", "billing", "number", number));
  }

  default List<AuditEntry> appendSome(int count) {
    List<AuditEntry> entries = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      entries.add(log().append(aHandoff(i)));
      clock().advance(Duration.ofMillis(1));
    }
    return entries;
  }

  default void sql(String statement) {
    database().jdbi().useHandle(handle -> handle.execute(statement));
  }

  @Test
  default void append_thenPage_readsBackEveryFieldNumberedFromOne() {
    AuditEntry first = log().append(AuditEvent.of("agent:alice", "claim", "conversation:c-1", Map.of("team", "billing")));
    clock().advance(Duration.ofSeconds(1));
    AuditEntry second = log().append(AuditEvent.of("system", "resolve", "conversation:c-1"));

    assertThat(log().page(0, 10)).containsExactly(first, second);
    assertThat(first.seq()).isEqualTo(1);
    assertThat(first.occurredAt()).isEqualTo(Instant.parse("2025-03-01T09:00:00.123456Z"));
    assertThat(first.actor()).isEqualTo("agent:alice");
    assertThat(first.details()).isEqualTo("{\"team\":\"billing\"}");
    assertThat(first.prevHash()).isEqualTo("0".repeat(64));
    assertThat(second.seq()).isEqualTo(2);
    assertThat(second.prevHash()).isEqualTo(first.hash());
    assertThat(second.details()).isEqualTo("{}");
    assertThat(log().page(1, 10)).containsExactly(second);
    assertThat(log().head()).isEqualTo(new ChainHead(2, second.hash()));
  }

  @Test
  default void append_whenTheClockStepsBack_datesTheEntryNoEarlierThanThePreviousOne() {
    AuditEntry first = log().append(aHandoff(1));
    clock().advance(Duration.ofSeconds(-5));

    AuditEntry second = log().append(aHandoff(2));

    assertThat(second.occurredAt()).isEqualTo(first.occurredAt());
    assertThat(log().verify().intact()).isTrue();
  }

  @Test
  default void page_limitOutsideOneToAThousand_isRefused() {
    assertThatThrownBy(() -> log().page(0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> log().page(0, 1001)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  default void verify_emptyLog_isIntactAtSeqZero() {
    Verification verification = log().verify();

    assertThat(verification.intact()).isTrue();
    assertThat(verification.reached()).isEqualTo(ChainHead.empty());
    assertThat(log().head()).isEqualTo(ChainHead.empty());
  }

  @Test
  default void verify_untouchedChain_isIntactAndReachesTheHead() {
    List<AuditEntry> entries = appendSome(5);

    Verification verification = log().verify(entries.get(2).asHead());

    assertThat(verification.intact()).as(verification.summary()).isTrue();
    assertThat(verification.checked()).isEqualTo(5);
    assertThat(verification.reached()).isEqualTo(entries.get(4).asHead());
    assertThat(verification.summary()).startsWith("intact: 5 entries, head 5:");
  }

  @Test
  default void verify_afterOneRowsDetailsEdited_failsAtThatSeqAsAltered() {
    appendSome(5);
    sql("update audit_log set details = '{\"number\":3,\"team\":\"sales\"}' where seq = 3");

    Verification verification = log().verify();

    assertThat(verification.intact()).isFalse();
    Verification.Break found = verification.firstBreak().orElseThrow();
    assertThat(found.seq()).isEqualTo(3);
    assertThat(found.reason()).isEqualTo(Verification.Reason.ALTERED);
    assertThat(verification.summary()).startsWith("broken at seq 3: altered");
    assertThat(verification.checked()).isEqualTo(2);
  }

  @Test
  default void verify_afterARowIsEditedAndRehashed_failsAtTheNextSeqAsBrokenLink() {
    List<AuditEntry> entries = appendSome(5);
    AuditEntry third = entries.get(2);
    String forged = ChainHash.of(3, third.occurredAt(), "system", third.action(), third.subject(), third.details(), third.prevHash());
    sql("update audit_log set actor = 'system', hash = '" + forged + "' where seq = 3");

    Verification.Break found = log().verify().firstBreak().orElseThrow();

    assertThat(found.seq()).isEqualTo(4);
    assertThat(found.reason()).isEqualTo(Verification.Reason.BROKEN_LINK);
  }

  @Test
  default void verify_afterAMiddleRowIsDeleted_failsAtThatSeqAsMissing() {
    appendSome(5);
    sql("delete from audit_log where seq = 3");

    Verification verification = log().verify();

    Verification.Break found = verification.firstBreak().orElseThrow();
    assertThat(found.seq()).isEqualTo(3);
    assertThat(found.reason()).isEqualTo(Verification.Reason.MISSING);
    assertThat(verification.summary()).startsWith("broken at seq 3: missing");
  }

  @Test
  default void verify_afterTheLastRowIsDeleted_failsAsMissingAgainstTheRecordedHead() {
    appendSome(5);
    sql("delete from audit_log where seq = 5");

    Verification.Break found = log().verify().firstBreak().orElseThrow();

    assertThat(found.seq()).isEqualTo(5);
    assertThat(found.reason()).isEqualTo(Verification.Reason.MISSING);
  }

  @Test
  default void verify_afterTheLastRowIsDeletedAndTheHeadTableMovedBack_isOnlyCaughtByTheExpectedHead() {
    List<AuditEntry> entries = appendSome(5);
    ChainHead writtenDown = log().head();
    AuditEntry fourth = entries.get(3);
    sql("delete from audit_log where seq = 5");
    sql("update audit_chain_head set last_seq = 4, last_hash = '" + fourth.hash() + "' where id = 1");

    assertThat(log().verify().intact()).as("a careful intruder leaves a chain that verifies on its own").isTrue();
    Verification anchored = log().verify(writtenDown);

    Verification.Break found = anchored.firstBreak().orElseThrow();
    assertThat(found.seq()).isEqualTo(5);
    assertThat(found.reason()).isEqualTo(Verification.Reason.MISSING);
    assertThat(found.detail()).contains("expected head 5:");
  }

  @Test
  default void verify_afterTheWholeTailIsRewritten_isCaughtByTheExpectedHeadAsMismatch() {
    List<AuditEntry> entries = appendSome(3);
    ChainHead writtenDown = log().head();
    AuditEntry third = entries.get(2);
    String forged = ChainHash.of(3, third.occurredAt(), third.actor(), third.action(), third.subject(), "{}", third.prevHash());
    sql("update audit_log set details = '{}', hash = '" + forged + "' where seq = 3");
    sql("update audit_chain_head set last_hash = '" + forged + "' where id = 1");

    assertThat(log().verify().intact()).isTrue();
    Verification.Break found = log().verify(writtenDown).firstBreak().orElseThrow();

    assertThat(found.seq()).isEqualTo(3);
    assertThat(found.reason()).isEqualTo(Verification.Reason.HEAD_MISMATCH);
  }

  @Test
  default void verify_afterAnEntryIsForgedOntoTheEndWithoutMovingTheHead_failsAsHeadMismatch() {
    List<AuditEntry> entries = appendSome(2);
    AuditEntry last = entries.get(1);
    String forged = ChainHash.of(3, last.occurredAt(), "system", "resolve", "conversation:x", "{}", last.hash());
    database().jdbi().useHandle(handle -> handle.createUpdate("insert into audit_log"
            + " (seq, occurred_at, actor, action, subject, details, prev_hash, hash) values (3, :at, 'system', 'resolve', 'conversation:x', '{}', :prev, :hash)")
        .bind("at", last.occurredAt().atOffset(ZoneOffset.UTC)).bind("prev", last.hash()).bind("hash", forged).execute());

    Verification.Break found = log().verify().firstBreak().orElseThrow();

    assertThat(found.seq()).isEqualTo(3);
    assertThat(found.reason()).isEqualTo(Verification.Reason.HEAD_MISMATCH);
  }

  @Test
  default void verify_afterAnEntryIsBackdatedAndRehashed_failsAsOutOfOrder() {
    List<AuditEntry> entries = appendSome(3);
    AuditEntry third = entries.get(2);
    Instant backdated = entries.get(0).occurredAt().minusSeconds(60);
    String forged = ChainHash.of(3, backdated, third.actor(), third.action(), third.subject(), third.details(), third.prevHash());
    database().jdbi().useHandle(handle -> handle.createUpdate("update audit_log set occurred_at = :at, hash = :hash where seq = 3")
        .bind("at", backdated.atOffset(ZoneOffset.UTC)).bind("hash", forged).execute());

    Verification.Break found = log().verify().firstBreak().orElseThrow();

    assertThat(found.seq()).isEqualTo(3);
    assertThat(found.reason()).isEqualTo(Verification.Reason.OUT_OF_ORDER);
  }

  @Test
  default void appendInTransaction_commitsWithTheCallersChange_andRollsBackWithIt() {
    database().jdbi().useTransaction(handle -> log().append(handle, aHandoff(1)));
    // Chained by the committing thread before it went on: the row is in the chain, not waiting.
    assertThat(chainedActionsBySql()).containsExactly("handoff:1");

    assertThatThrownBy(() -> database().jdbi().useTransaction(handle -> {
      log().append(handle, aHandoff(2));
      throw new IllegalStateException("the domain change failed");
    })).isInstanceOf(IllegalStateException.class);
    AuditEntry next = log().append(aHandoff(3));

    assertThat(log().page(0, 10)).extracting(AuditEntry::seq).containsExactly(1L, 2L);
    assertThat(next.seq()).isEqualTo(2);
    assertThat(chainedActionsBySql()).containsExactly("handoff:1", "handoff:3");
    assertThat(log().verify().intact()).isTrue();
  }

  /** The chain as stored, read with plain SQL so that nothing is chained on the way. */
  default List<String> chainedActionsBySql() {
    return database().jdbi().withHandle(handle -> handle.createQuery("select action, details from audit_log order by seq")
        .map((rs, ctx) -> rs.getString("action") + ":" + rs.getString("details").replaceAll(".*\"number\":(\\d+).*", "$1"))
        .list());
  }

  @Test
  default void appendInAnOpenTransaction_doesNotHoldUpAppendsOfOtherTransactions() throws Exception {
    var appended = new CountDownLatch(1);
    var release = new CountDownLatch(1);
    ExecutorService slow = Executors.newSingleThreadExecutor();
    try {
      Future<?> slowChange = slow.submit(() -> {
        database().jdbi().useTransaction(handle -> {
          log().append(handle, aHandoff(1));
          appended.countDown();
          release.await(30, TimeUnit.SECONDS);
        });
        return null;
      });
      assertThat(appended.await(10, TimeUnit.SECONDS)).isTrue();
      // A long domain transaction that recorded an entry no longer makes every other change wait for it.
      ExecutorService other = Executors.newSingleThreadExecutor();
      try {
        other.submit(() -> database().jdbi().useTransaction(handle -> log().append(handle, aHandoff(2)))).get(10, TimeUnit.SECONDS);
        other.submit(() -> log().append(aHandoff(3))).get(10, TimeUnit.SECONDS);
      } finally {
        other.shutdownNow();
      }
      assertThat(chainedActionsBySql()).containsExactly("handoff:2", "handoff:3");
      release.countDown();
      slowChange.get(10, TimeUnit.SECONDS);
    } finally {
      release.countDown();
      slow.shutdownNow();
    }
    assertThat(chainedActionsBySql()).containsExactly("handoff:2", "handoff:3", "handoff:1");
    Verification verification = log().verify();
    assertThat(verification.intact()).as(verification.summary()).isTrue();
  }

  @Test
  default void entryLeftPendingByADeadNode_isChainedBeforeTheNextAppend_andByReads() {
    // What a node that died between its commit and chaining leaves behind.
    sql("insert into audit_pending (occurred_at, actor, action, subject, details) values"
        + " (timestamp with time zone '2025-03-01 09:00:00.5+00', 'bot', 'handoff', 'conversation:x', '{\"number\":7}')");
    clock().advance(Duration.ofSeconds(1));
    AuditEntry next = log().append(aHandoff(8));

    assertThat(next.seq()).isEqualTo(2);
    assertThat(chainedActionsBySql()).containsExactly("handoff:7", "handoff:8");
    assertThat(log().page(0, 10).getFirst().occurredAt()).isEqualTo(Instant.parse("2025-03-01T09:00:00.5Z"));

    sql("insert into audit_pending (occurred_at, actor, action, subject, details) values"
        + " (timestamp with time zone '2025-03-01 09:00:00.2+00', 'bot', 'handoff', 'conversation:x', '{\"number\":9}')");
    assertThat(log().page(0, 10)).extracting(AuditEntry::seq).containsExactly(1L, 2L, 3L);
    // Time never runs backwards along the chain, even for an entry that waited.
    assertThat(log().page(2, 10).getFirst().occurredAt()).isEqualTo(next.occurredAt());
    assertThat(log().verify().intact()).isTrue();
  }

  @Test
  default void appendWithAHandleOutsideATransaction_isRefused() {
    assertThatThrownBy(() -> database().jdbi().useHandle(handle -> log().append(handle, aHandoff(1))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("transaction");
    assertThat(log().page(0, 10)).isEmpty();
  }

  @Test
  default void concurrentAppends_eightThreadsOfTwoHundred_giveAGaplessChainThatVerifies() throws Exception {
    int threads = 8;
    int perThread = 200;
    AuditLog log = log();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      var start = new CountDownLatch(1);
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        futures.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < perThread; i++) {
            log.append(AuditEvent.of("agent:" + thread, "claim", "conversation:" + thread + "-" + i));
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

    List<Long> seqs = new ArrayList<>();
    for (long after = 0; ; ) {
      List<AuditEntry> page = log.page(after, 1000);
      if (page.isEmpty()) {
        break;
      }
      page.forEach(entry -> seqs.add(entry.seq()));
      after = page.get(page.size() - 1).seq();
    }
    assertThat(seqs).hasSize(threads * perThread);
    for (int i = 0; i < seqs.size(); i++) {
      assertThat(seqs.get(i)).isEqualTo(i + 1L);
    }
    Verification verification = log.verify();
    assertThat(verification.intact()).as(verification.summary()).isTrue();
    assertThat(verification.checked()).isEqualTo(threads * perThread);
    assertThat(verification.reached()).isEqualTo(log.head());
  }

  @Test
  default void exportJsonl_writesOneParsableLinePerEntry_fromWhichEveryHashCanBeRecomputed() throws Exception {
    List<AuditEntry> entries = appendSome(4);
    log().append(AuditEvent.of("bot", "redaction", "conversation:x", Map.of("note", "line one\nline \"two\" ✓")));
    var out = new StringWriter();

    log().exportJsonl(out);

    List<String> lines = out.toString().lines().toList();
    assertThat(lines).hasSize(5);
    String previous = ChainHash.GENESIS;
    for (int i = 0; i < lines.size(); i++) {
      JsonNode line = Json.readTree(lines.get(i));
      var entry = new AuditEntry(line.get("seq").asLong(), Instant.parse(line.get("occurred_at").asText()), line.get("actor").asText(),
          line.get("action").asText(), line.get("subject").asText(), line.get("details").asText(), line.get("prev_hash").asText(),
          line.get("hash").asText());
      assertThat(entry.seq()).isEqualTo(i + 1L);
      assertThat(entry.prevHash()).isEqualTo(previous);
      assertThat(entry.recomputedHash()).isEqualTo(entry.hash());
      previous = entry.hash();
    }
    assertThat(Json.readTree(lines.get(0)).get("occurred_at").asText()).isEqualTo("2025-03-01T09:00:00.123456Z");
    assertThat(Json.readTree(lines.get(0)).get("hash").asText()).isEqualTo(entries.get(0).hash());
  }

  @Test
  default void exportJsonl_ofARange_writesOnlyThoseSeqs() throws Exception {
    appendSome(6);
    var out = new StringWriter();

    log().exportJsonl(out, 2, 4);

    assertThat(out.toString().lines().map(line -> Json.readTree(line).get("seq").asLong()).toList()).containsExactly(3L, 4L);
  }

  /** What a retention purge does to the log: delete entries before {@code cutoff}, then record the checkpoint. */
  default AuditLog.Purged purgeAndRecord(Instant cutoff) {
    return database().jdbi().inTransaction(handle -> {
      AuditLog.Purged purged = log().purgeBefore(handle, cutoff);
      log().append(handle, AuditEvent.of("system", AuditLog.PURGE_ACTION, "retention",
          Map.of("audit", purged.entries(), AuditLog.CHECKPOINT_DETAIL, purged.checkpoint().toString())));
      return purged;
    });
  }

  @Test
  default void purgeBefore_deletesTheOldestEntries_andTheChainVerifiesFromTheRecordedCheckpoint() {
    List<AuditEntry> entries = appendSome(10);
    clock().advance(Duration.ofDays(1));

    AuditLog.Purged purged = purgeAndRecord(entries.get(6).occurredAt());

    assertThat(purged.entries()).isEqualTo(6);
    assertThat(purged.checkpoint()).isEqualTo(entries.get(5).asHead());
    assertThat(log().checkpoint()).isEqualTo(entries.get(5).asHead());
    assertThat(log().page(0, 100)).extracting(AuditEntry::seq).containsExactly(7L, 8L, 9L, 10L, 11L);
    Verification verification = log().verify();
    assertThat(verification.intact()).as(verification.summary()).isTrue();
    assertThat(verification.checked()).isEqualTo(5);
    assertThat(log().verify(entries.get(9).asHead()).intact()).as("a head written down after the checkpoint still checks").isTrue();
    assertThat(log().verify(entries.get(2).asHead()).intact()).as("a head from the purged stretch cannot be checked, and is no break")
        .isTrue();
  }

  @Test
  default void purgeBefore_twice_movesTheCheckpointAndTheLaterPurgeEntryNamesIt() {
    List<AuditEntry> entries = appendSome(4);
    purgeAndRecord(entries.get(2).occurredAt());
    clock().advance(Duration.ofDays(1));
    appendSome(2);

    AuditLog.Purged second = purgeAndRecord(clock().instant().minus(Duration.ofHours(1)));

    assertThat(second.entries()).as("the rest of the first stretch and the first purge entry").isEqualTo(3);
    assertThat(log().verify().intact()).as(log().verify().summary()).isTrue();
  }

  @Test
  default void purgeBefore_withNothingOldEnough_deletesNothingAndKeepsTheCheckpoint() {
    List<AuditEntry> entries = appendSome(3);

    AuditLog.Purged purged = purgeAndRecord(entries.get(0).occurredAt());

    assertThat(purged.entries()).isZero();
    assertThat(purged.checkpoint()).isEqualTo(ChainHead.empty());
    assertThat(log().verify().intact()).isTrue();
  }

  @Test
  default void verify_whenTheStartWasDeletedAndTheCheckpointMovedWithoutAPurgeEntry_reportsAnUnrecordedPurge() {
    List<AuditEntry> entries = appendSome(6);
    sql("delete from audit_log where seq <= 3");
    sql("update audit_chain_head set purged_seq = 3, purged_hash = '" + entries.get(2).hash() + "', purged_at = timestamp with time zone '"
        + entries.get(2).occurredAt().atOffset(ZoneOffset.UTC) + "'");

    Verification verification = log().verify();

    assertThat(verification.intact()).isFalse();
    assertThat(verification.firstBreak().orElseThrow().reason()).isEqualTo(Verification.Reason.UNRECORDED_PURGE);
  }

  @Test
  default void verify_whenAnEntryAfterTheCheckpointIsDeleted_reportsItMissing() {
    List<AuditEntry> entries = appendSome(6);
    clock().advance(Duration.ofDays(1));
    purgeAndRecord(entries.get(2).occurredAt());
    sql("delete from audit_log where seq = 3");

    Verification verification = log().verify();

    assertThat(verification.firstBreak().orElseThrow().reason()).isEqualTo(Verification.Reason.MISSING);
    assertThat(verification.firstBreak().orElseThrow().seq()).isEqualTo(3);
  }

  @Test
  default void purgeBefore_outsideATransaction_isRefused() {
    assertThatThrownBy(() -> database().jdbi().useHandle(handle -> log().purgeBefore(handle, clock().instant())))
        .isInstanceOf(IllegalStateException.class);
  }
}
