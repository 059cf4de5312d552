package baton.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import baton.MutableClock;
import baton.channels.WebhookRecords;
import baton.conversation.AgentRef;
import baton.conversation.Conversation;
import baton.conversation.ConversationStore;
import baton.conversation.CustomerProfile;
import baton.conversation.CustomerRecords;
import baton.conversation.JdbiConversationStore;
import baton.conversation.NewMessage;
import baton.platform.Database;
import baton.routing.JdbiTeamStore;
import baton.routing.Team;
import com.fasterxml.jackson.databind.JsonNode;
import baton.platform.Json;
import baton.platform.TableScan;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Export, erasure and retention over the real stores of every feature that holds customer data, run
 * against each real database. "Gone" is checked by scanning every column of every table for what the
 * customer wrote, not by asking the code that deleted it.
 */
interface DataRightsContract {
  Instant START = Instant.parse("2026-01-05T10:00:00Z");
  RetentionPolicy YEAR = new RetentionPolicy(Optional.of(Duration.ofDays(365)), Optional.of(Duration.ofDays(365)),
      Optional.of(Duration.ofDays(365)), Optional.of(Duration.ofDays(30)), Optional.of(Duration.ofDays(2555)));

  Database database();

  MutableClock clock();

  default AuditLog audit() {
    return new JdbiAuditLog(database().jdbi(), clock());
  }

  default ConversationStore store() {
    return new JdbiConversationStore(database().jdbi(), clock(), audit());
  }

  default CustomerPseudonyms pseudonyms() {
    return CustomerPseudonyms.keptIn(database().jdbi(), clock());
  }

  default List<PersonalData> holders() {
    return List.of(new CustomerRecords(), new WebhookRecords());
  }

  default DataRights rights() {
    return new DataRights(database().jdbi(), new CustomerRecords(), holders(), audit(), pseudonyms(), clock());
  }

  default RetentionPurge purge(RetentionPolicy policy) {
    return new RetentionPurge(database().jdbi(), holders(), audit(), () -> policy, clock());
  }

  @BeforeEach
  default void aSupportTeam() {
    new JdbiTeamStore(database().jdbi(), clock()).save(new Team("support", "Support", 5));
  }

  default AgentRef anAgent() {
    UUID id = UUID.randomUUID();
    database().jdbi().useHandle(handle -> handle.createUpdate("insert into agents (id, email, name, password_hash, role, created_at)"
            + " values (:id, :email, 'Alice', 'x', 'agent', current_timestamp)")
        .bind("id", id).bind("email", id + "@test").execute());
    return new AgentRef(id, "Alice");
  }

  /** A customer who wrote {@code words}, was handed off with a packet quoting them, and had a decision logged. */
  default Conversation aHandedOffCustomer(String email, String words) {
    Conversation conversation = store().start("web", new CustomerProfile(Optional.of("Name " + words), Optional.of(email),
        Optional.of("+44 20 7946 0000")), "token-" + words);
    long seq = store().append(conversation.id(), NewMessage.fromCustomer(words, Optional.empty())).message().seq();
    store().recordDecision(conversation.id(), seq, "handoff", Json.write(Map.of("said", words)));
    store().handOff(conversation.id(), new ConversationStore.HandoffRequest("support", "human_request", "asked: " + words,
        Optional.of("standard"), Optional.of(Json.write(Map.of("customer", Map.of("summary", words))))), NewMessage.system("Connecting you"));
    aWebhookDelivery(conversation, words, true);
    clock().advance(Duration.ofMinutes(1));
    return conversation;
  }

  default Conversation aResolvedCustomer(String email, String words) {
    Conversation conversation = aHandedOffCustomer(email, words);
    AgentRef agent = anAgent();
    store().claim(conversation.id(), agent, NewMessage.system("Alice joined"));
    store().addNote(conversation.id(), agent, "note about " + words);
    store().resolve(conversation.id(), agent, NewMessage.system("Resolved"));
    return conversation;
  }

  default void aWebhookDelivery(Conversation conversation, String words, boolean delivered) {
    database().jdbi().useHandle(handle -> handle.createUpdate("insert into webhook_deliveries (id, idempotency_key, endpoint, url, event,"
            + " payload, created_at, attempts, next_attempt_at, delivered_at) values (:id, :key, 'desk', 'http://127.0.0.1:1/', 'handoff.created',"
            + " :payload, :now, 1, :next, :delivered)")
        .bind("id", UUID.randomUUID())
        .bind("key", UUID.randomUUID().toString())
        .bind("payload", Json.write(Map.of("conversationId", conversation.id().value().toString(), "packet", Map.of("summary", words))))
        .bind("now", clock().instant().atOffset(ZoneOffset.UTC))
        .bind("next", delivered ? null : clock().instant().atOffset(ZoneOffset.UTC))
        .bind("delivered", delivered ? clock().instant().atOffset(ZoneOffset.UTC) : null)
        .execute());
  }

  /** Every table and column (as text) holding {@code needle}, as "table.column". */
  default List<String> placesHolding(String needle) {
    return TableScan.placesHolding(database().jdbi(), needle);
  }

  default long countWhere(String table, String condition) {
    return database().jdbi().withHandle(handle -> handle.createQuery("select count(*) from " + table + " where " + condition)
        .mapTo(Long.class).one());
  }

  @Test
  default void export_byEmail_holdsEveryConversationOfThatCustomerWithMessagesPacketsDecisionsAndNotes() {
    Conversation first = aResolvedCustomer("ada@example.com", "zebra-one");
    Conversation second = aHandedOffCustomer("ADA@example.com", "zebra-two");
    aHandedOffCustomer("bob@example.com", "okapi");

    Map<String, Object> export = rights().export("ada@example.com", "agent:admin").orElseThrow();

    JsonNode json = Json.readTree(Json.write(export));
    assertThat(json.path("format").asText()).isEqualTo(DataRights.EXPORT_FORMAT);
    assertThat(json.path("customers")).hasSize(2);
    JsonNode ada = json.path("customers").get(0);
    assertThat(ada.path("customerId").asText()).isEqualTo(first.customerId().toString());
    assertThat(ada.path("profile").path("email").asText()).isEqualTo("ada@example.com");
    JsonNode conversation = ada.path("conversations").get(0);
    assertThat(conversation.path("id").asText()).isEqualTo(first.id().value().toString());
    assertThat(conversation.path("state").asText()).isEqualTo("RESOLVED");
    assertThat(conversation.path("messages").get(0).path("text").asText()).isEqualTo("zebra-one");
    assertThat(conversation.path("handoffs").get(0).path("packet").path("customer").path("summary").asText()).isEqualTo("zebra-one");
    assertThat(conversation.path("decisions").get(0).path("decision").path("said").asText()).isEqualTo("zebra-one");
    assertThat(conversation.path("internalNotes").get(0).path("text").asText()).isEqualTo("note about zebra-one");
    assertThat(ada.path("webhookDeliveries")).hasSize(1);
    assertThat(json.path("customers").get(1).path("conversations").get(0).path("id").asText())
        .isEqualTo(second.id().value().toString());
    assertThat(json.toString()).doesNotContain("okapi");
  }

  @Test
  default void export_isAnAuditEntryPerCustomerRecordNamingThemOnlyByPseudonym() {
    Conversation ada = aHandedOffCustomer("ada@example.com", "zebra");

    rights().export(ada.id().value().toString(), "agent:admin").orElseThrow();

    AuditEntry entry = audit().page(0, 1000).stream().filter(e -> e.action().equals("data_export")).findFirst().orElseThrow();
    assertThat(entry.actor()).isEqualTo("agent:admin");
    assertThat(entry.subject()).isEqualTo(pseudonyms().actorFor(ada.customerId()));
    assertThat(entry.details()).doesNotContain("ada@example.com");
    assertThat(audit().verify().intact()).isTrue();
  }

  @Test
  default void exportAndErase_ofSomeoneUnknown_findNobodyAndChangeNothing() {
    aHandedOffCustomer("ada@example.com", "zebra");
    ChainHead before = audit().head();

    assertThat(rights().export("nobody@example.com", "agent:admin")).isEmpty();
    assertThat(rights().export(UUID.randomUUID().toString(), "agent:admin")).isEmpty();
    assertThat(rights().erase("not a reference", "agent:admin")).isEmpty();
    assertThat(audit().head()).isEqualTo(before);
  }

  @Test
  default void erase_removesEveryTraceOfTheCustomer_leavesOthersUntouched_andTheAuditLogStillVerifies() {
    Conversation ada = aResolvedCustomer("ada@example.com", "zebra-ada");
    aHandedOffCustomer("ada@example.com", "zebra-again");
    Conversation bob = aResolvedCustomer("bob@example.com", "okapi-bob");
    assertThat(placesHolding("zebra-ada")).as("the scan sees stored text").isNotEmpty();

    DataRights.Erasure erasure = rights().erase("ada@example.com", "agent:admin").orElseThrow();

    assertThat(erasure.customers()).isEqualTo(2);
    assertThat(erasure.deleted()).containsEntry("conversations", 2).containsEntry("messages", 6).containsEntry("webhookDeliveries", 2);
    assertThat(placesHolding("zebra")).isEmpty();
    assertThat(placesHolding("ada@example.com")).isEmpty();
    assertThat(placesHolding(ada.id().value().toString())).as("only the audit log names the conversation, by id alone")
        .allMatch(place -> place.startsWith("audit_log."));
    assertThat(placesHolding("okapi-bob")).contains("messages.body", "handoffs.packet", "decisions.body", "agent_notes.body",
        "webhook_deliveries.payload");
    assertThat(rights().export(bob.id().value().toString(), "agent:admin")).isPresent();
    assertThat(rights().export("ada@example.com", "agent:admin")).isEmpty();
    List<AuditEntry> erasures = audit().page(0, 1000).stream().filter(e -> e.action().equals("erasure")).toList();
    assertThat(erasures).hasSize(2);
    assertThat(erasures.get(0).subject()).isEqualTo(pseudonyms().actorFor(ada.customerId()));
    assertThat(erasures.get(0).details()).doesNotContain("ada@example.com").contains("\"messages\":4");
    Verification verification = audit().verify();
    assertThat(verification.intact()).as(verification.summary()).isTrue();
  }

  @Test
  default void purge_afterTheRetentionPeriod_removesOnlyClosedConversations() {
    Conversation closed = aResolvedCustomer("old@example.com", "zebra-closed");
    Conversation queued = aHandedOffCustomer("queued@example.com", "okapi-queued");
    Conversation withBot = store().start("web", CustomerProfile.anonymous(), "t");
    store().append(withBot.id(), NewMessage.fromCustomer("okapi-bot", Optional.empty()));
    clock().advance(Duration.ofDays(400));
    Conversation recent = aResolvedCustomer("new@example.com", "okapi-recent");

    RetentionPurge.Report report = purge(YEAR).run("system");

    assertThat(placesHolding("zebra")).isEmpty();
    assertThat(countWhere("conversations", "id = '" + closed.id().value() + "'")).isZero();
    assertThat(countWhere("customers", "id = '" + closed.customerId() + "'")).isZero();
    assertThat(placesHolding("okapi-queued")).isNotEmpty();
    assertThat(placesHolding("okapi-bot")).isNotEmpty();
    assertThat(placesHolding("okapi-recent")).isNotEmpty();
    assertThat(countWhere("conversations", "id in ('" + queued.id().value() + "', '" + withBot.id().value() + "', '"
        + recent.id().value() + "')")).isEqualTo(3);
    assertThat(report.deleted()).containsEntry("conversations", 1L).containsEntry("messages", 4L).containsEntry("handoffs", 1L)
        .containsEntry("decisions", 1L).containsEntry("notes", 1L);
    AuditEntry recorded = audit().page(0, 1000).stream().filter(e -> e.action().equals(AuditLog.PURGE_ACTION)).findFirst().orElseThrow();
    assertThat(recorded.details()).contains("\"conversations\":1").contains("\"messages\":4");
    assertThat(audit().verify().intact()).isTrue();
  }

  @Test
  default void purge_beforeTheRetentionPeriod_deletesNothing() {
    aResolvedCustomer("ada@example.com", "zebra");
    clock().advance(Duration.ofDays(364));
    var aYearForEverything = new RetentionPolicy(Optional.of(Duration.ofDays(365)), Optional.of(Duration.ofDays(365)),
        Optional.of(Duration.ofDays(365)), Optional.of(Duration.ofDays(365)), Optional.of(Duration.ofDays(365)));

    RetentionPurge.Report report = purge(aYearForEverything).run("system");

    assertThat(report.total()).isZero();
    assertThat(placesHolding("zebra")).isNotEmpty();
  }

  @Test
  default void purge_whenPacketsExpireBeforeTranscripts_deletesThePacketsAndKeepsTheTranscript() {
    aResolvedCustomer("ada@example.com", "zebra");
    clock().advance(Duration.ofDays(40));
    var packetsForAMonth = new RetentionPolicy(Optional.of(Duration.ofDays(365)), Optional.of(Duration.ofDays(30)),
        Optional.empty(), Optional.empty(), Optional.empty());

    purge(packetsForAMonth).run("system");

    assertThat(placesHolding("zebra")).doesNotContain("handoffs.packet", "handoffs.detail").contains("messages.body", "decisions.body");
    assertThat(countWhere("customers", "email = 'ada@example.com'")).isEqualTo(1);
  }

  @Test
  default void purge_webhookDeliveries_removesFinishedOnesPastRetention_andKeepsPendingOnes() {
    Conversation ada = aHandedOffCustomer("ada@example.com", "zebra");
    aWebhookDelivery(ada, "okapi-pending", false);
    clock().advance(Duration.ofDays(31));

    RetentionPurge.Report report = purge(YEAR).run("system");

    assertThat(report.deleted()).containsEntry("webhookDeliveries", 1L);
    assertThat(placesHolding("okapi-pending")).containsExactly("webhook_deliveries.payload");
  }

  @Test
  default void purge_ofOldAuditEntries_leavesAChainThatVerifiesFromItsCheckpoint() {
    aResolvedCustomer("ada@example.com", "zebra");
    long before = audit().head().seq();
    clock().advance(Duration.ofDays(2556));
    aHandedOffCustomer("bob@example.com", "okapi");

    RetentionPurge.Report report = purge(YEAR).run("system");

    assertThat(report.deleted()).containsEntry("audit", before);
    assertThat(report.auditCheckpoint().seq()).isEqualTo(before);
    assertThat(audit().checkpoint()).isEqualTo(report.auditCheckpoint());
    Verification verification = audit().verify();
    assertThat(verification.intact()).as(verification.summary()).isTrue();
    clock().advance(Duration.ofDays(1));
    purge(YEAR).run("system");
    assertThat(audit().verify().intact()).as("a second run names the same checkpoint").isTrue();
  }
}
