package baton.compliance;

import static baton.ApiClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import baton.ApiClient;
import baton.Demo;
import baton.MutableClock;
import baton.TestServer;
import baton.platform.TableScan;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Data rights through the real HTTP API: customers chat and are handed off; an admin exports one of
 * them (the file holds their words), erases them (no table holds their words any more, the other
 * customer is untouched, the audit log records it and still verifies); a purge on a clock moved past
 * the retention period removes the resolved conversation and leaves the queued one. Agents who are
 * not admins are refused, and unknown customers are a 404.
 */
class DataRightsEndToEndTest {
  private static final Demo.DemoAgent ALICE = Demo.AGENTS.get(0);
  private static final Demo.DemoAgent CAROL = Demo.AGENTS.get(2);

  private record Chat(String id, String token, JsonNode lastReply) {}

  private static Chat handedOff(ApiClient customer, String name, String email, String words) {
    var started = customer.post("/api/conversations", "{\"name\":\"" + name + "\",\"email\":\"" + email + "\"}");
    String id = started.json().path("id").asText();
    var posted = customer.post("/api/conversations/" + id + "/messages", "{\"text\":\"" + words + ", let me talk to a human please\"}",
        "Authorization", bearer(started.json().path("token").asText()));
    assertThat(posted.status()).isEqualTo(201);
    assertThat(posted.json().path("state").asText()).as("handed off").isEqualTo("QUEUED");
    return new Chat(id, started.json().path("token").asText(), posted.json());
  }

  /** States the problem first, then asks for a person: the first message is a way of asking that the learning loop keeps. */
  private static Chat askedThenHandedOff(ApiClient customer, String name, String email, String words) {
    var started = customer.post("/api/conversations", "{\"name\":\"" + name + "\",\"email\":\"" + email + "\"}");
    String id = started.json().path("id").asText();
    String auth = bearer(started.json().path("token").asText());
    var posted = customer.post("/api/conversations/" + id + "/messages", "{\"text\":\"" + words + "\"}", "Authorization", auth);
    assertThat(posted.status()).isEqualTo(201);
    if (!posted.json().path("state").asText().equals("QUEUED")) {
      posted = customer.post("/api/conversations/" + id + "/messages", "{\"text\":\"let me talk to a human please\"}", "Authorization", auth);
    }
    assertThat(posted.json().path("state").asText()).as("handed off").isEqualTo("QUEUED");
    return new Chat(id, started.json().path("token").asText(), posted.json());
  }

  private static ApiClient loggedIn(TestServer server, Demo.DemoAgent agent) {
    var client = new ApiClient(server);
    assertThat(client.login(agent.email(), agent.password()).status()).isEqualTo(200);
    return client;
  }

  @Test
  void customerIsExportedThenErased_theirWordsLeaveEveryTable_othersStay_andTheAuditLogVerifies() {
    try (var server = TestServer.demo()) {
      var customer = new ApiClient(server);
      Chat ada = askedThenHandedOff(customer, "Ada", "ada@example.com", "my zebra lamp arrived broken");
      handedOff(customer, "Bob", "bob@example.com", "my okapi tent is missing");
      var jdbi = server.baton().database().jdbi();
      assertThat(TableScan.placesHolding(jdbi, "zebra lamp")).contains("messages.body", "handoffs.packet");

      var alice = loggedIn(server, ALICE);
      assertThat(alice.get("/api/agent/admin/customers/ada@example.com/export").status()).as("agents may not export").isEqualTo(403);
      assertThat(alice.agentDelete("/api/agent/admin/customers/ada@example.com").status()).as("agents may not erase").isEqualTo(403);

      var carol = loggedIn(server, CAROL);
      // Resolved as reusable: the learning loop proposes an article with the customer's question.
      assertThat(carol.agentPost("/api/agent/conversations/" + ada.id() + "/claim", "").status()).isEqualTo(200);
      assertThat(carol.agentPost("/api/agent/conversations/" + ada.id() + "/resolve", "{\"note\":\"We send a new one.\",\"reusable\":true}")
          .status()).isEqualTo(200);
      assertThat(TableScan.placesHolding(jdbi, "zebra lamp")).contains("learned_knowledge.question");
      assertThat(customer.post("/api/conversations/" + ada.id() + "/rating", "{\"rating\":\"bad\"}", "Authorization", bearer(ada.token()))
          .status()).isEqualTo(200);
      var unknown = carol.get("/api/agent/admin/customers/nobody@example.com/export");
      assertThat(unknown.status()).isEqualTo(404);
      assertThat(unknown.errorCode()).isEqualTo("not_found");
      assertThat(carol.agentDelete("/api/agent/admin/customers/" + java.util.UUID.randomUUID()).status()).isEqualTo(404);

      var export = carol.get("/api/agent/admin/customers/ada@example.com/export");
      assertThat(export.status()).isEqualTo(200);
      assertThat(export.headers().get("content-disposition")).anySatisfy(value -> assertThat(value).contains("attachment"));
      JsonNode conversation = export.json().path("customers").get(0).path("conversations").get(0);
      assertThat(conversation.path("id").asText()).isEqualTo(ada.id());
      assertThat(conversation.path("messages")).anySatisfy(message -> {
        assertThat(message.path("author").asText()).isEqualTo("customer");
        assertThat(message.path("text").asText()).contains("my zebra lamp arrived broken");
      });
      assertThat(conversation.path("handoffs").get(0).path("packet").isObject()).isTrue();
      assertThat(export.json().path("customers").get(0).path("knowledgeSuggestions").get(0).path("question").asText()).contains("zebra lamp");
      assertThat(export.json().path("customers").get(0).path("ratings").get(0).path("rating").asText()).isEqualTo("bad");
      assertThat(export.body()).doesNotContain("okapi");

      assertThat(carol.deleteWithoutCsrf("/api/agent/admin/customers/ada@example.com").status()).as("CSRF").isEqualTo(403);
      var erased = carol.agentDelete("/api/agent/admin/customers/ada@example.com");
      assertThat(erased.status()).isEqualTo(200);
      assertThat(erased.json().path("erased").path("customers").asInt()).isEqualTo(1);
      assertThat(erased.json().path("erased").path("deleted").path("conversations").asInt()).isEqualTo(1);
      assertThat(erased.json().path("erased").path("deleted").path("knowledgeSuggestions").asInt()).isEqualTo(1);
      assertThat(erased.json().path("erased").path("deleted").path("ratings").asInt()).isEqualTo(1);

      assertThat(TableScan.placesHolding(jdbi, "zebra")).isEmpty();
      assertThat(TableScan.placesHolding(jdbi, "ada@example.com")).isEmpty();
      assertThat(TableScan.placesHolding(jdbi, "okapi tent")).contains("messages.body", "handoffs.packet");
      assertThat(carol.get("/api/agent/admin/customers/ada@example.com/export").status()).as("gone for good").isEqualTo(404);
      assertThat(carol.get("/api/agent/conversations/" + ada.id()).status()).isEqualTo(404);

      var audit = new JdbiAuditLog(jdbi, java.time.Clock.systemUTC());
      List<AuditEntry> entries = audit.page(0, 1000);
      assertThat(entries).filteredOn(entry -> entry.action().equals("data_export")).hasSize(1)
          .allSatisfy(entry -> assertThat(entry.subject()).matches("customer:[0-9a-f]{64}"));
      AuditEntry erasure = entries.stream().filter(entry -> entry.action().equals("erasure")).findFirst().orElseThrow();
      assertThat(erasure.actor()).startsWith("agent:");
      assertThat(erasure.subject()).matches("customer:[0-9a-f]{64}");
      assertThat(entries.toString()).doesNotContain("ada@example.com").doesNotContain("zebra");
      Verification verification = audit.verify();
      assertThat(verification.intact()).as(verification.summary()).isTrue();
    }
  }

  @Test
  void purgeOnAMovedClock_removesTheResolvedConversationPastRetention_andKeepsTheQueuedOne() {
    var clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));
    try (var server = TestServer.demoWithClock(clock)) {
      var customer = new ApiClient(server);
      Chat resolved = askedThenHandedOff(customer, "Ada", "ada@example.com", "my zebra lamp arrived broken");
      Chat queued = handedOff(customer, "Bob", "bob@example.com", "my okapi tent is missing");
      var carol = loggedIn(server, CAROL);
      assertThat(carol.agentPost("/api/agent/conversations/" + resolved.id() + "/claim", "").status()).isEqualTo(200);
      assertThat(carol.agentPost("/api/agent/conversations/" + resolved.id() + "/resolve", "{\"note\":\"sent a new lamp\",\"reusable\":true}")
          .status()).isEqualTo(200);
      assertThat(customer.post("/api/conversations/" + resolved.id() + "/rating", "{\"rating\":\"good\"}", "Authorization",
          bearer(resolved.token())).status()).isEqualTo(200);
      var jdbi = server.baton().database().jdbi();
      assertThat(TableScan.placesHolding(jdbi, "zebra")).as("a suggestion waits for review").contains("learned_knowledge.question");

      assertThat(carol.agentPost("/api/agent/admin/retention/purge", "").json().path("purge").path("deleted").path("messages").asInt())
          .as("nothing has expired yet").isZero();
      clock.advance(Duration.ofDays(366));
      var carolNextYear = loggedIn(server, CAROL);
      assertThat(new ApiClient(server).post("/api/agent/admin/retention/purge", "").status()).as("not logged in").isEqualTo(401);
      assertThat(loggedIn(server, ALICE).agentPost("/api/agent/admin/retention/purge", "").status()).isEqualTo(403);
      var purged = carolNextYear.agentPost("/api/agent/admin/retention/purge", "");

      assertThat(purged.status()).isEqualTo(200);
      assertThat(purged.json().path("purge").path("deleted").path("conversations").asInt()).isEqualTo(1);
      assertThat(TableScan.placesHolding(jdbi, "zebra")).isEmpty();
      assertThat(TableScan.placesHolding(jdbi, resolved.id())).allMatch(place -> place.startsWith("audit_log."));
      assertThat(TableScan.placesHolding(jdbi, "okapi tent")).contains("messages.body", "handoffs.packet");
      assertThat(carolNextYear.get("/api/agent/conversations/" + queued.id()).status()).isEqualTo(200);
      var audit = new JdbiAuditLog(jdbi, clock);
      assertThat(audit.page(0, 1000)).filteredOn(entry -> entry.action().equals(AuditLog.PURGE_ACTION)).hasSize(2)
          .last().satisfies(entry -> assertThat(entry.details()).contains("\"conversations\":1"));
      assertThat(audit.verify().intact()).as(audit.verify().summary()).isTrue();
    }
  }

  @Test
  void scheduledPurge_runsOnItsInterval_deletesTheExpiredResolvedConversation_andRecordsEachRun() throws InterruptedException {
    var clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));
    try (var server = TestServer.demoWithRetentionPurgeEvery(Duration.ofMillis(300), clock)) {
      var customer = new ApiClient(server);
      Chat resolved = askedThenHandedOff(customer, "Ada", "ada@example.com", "my zebra lamp arrived broken");
      var carol = loggedIn(server, CAROL);
      carol.agentPost("/api/agent/conversations/" + resolved.id() + "/claim", "");
      assertThat(carol.agentPost("/api/agent/conversations/" + resolved.id() + "/resolve", "").status()).isEqualTo(200);
      var jdbi = server.baton().database().jdbi();

      clock.advance(Duration.ofDays(366));
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (!TableScan.placesHolding(jdbi, "zebra").isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }

      assertThat(TableScan.placesHolding(jdbi, "zebra")).isEmpty();
      var audit = new JdbiAuditLog(jdbi, clock);
      assertThat(audit.page(0, 1000)).filteredOn(entry -> entry.action().equals(AuditLog.PURGE_ACTION))
          .allSatisfy(entry -> assertThat(entry.actor()).isEqualTo("system"))
          .anySatisfy(entry -> assertThat(entry.details()).contains("\"conversations\":1"));
      assertThat(audit.verify().intact()).isTrue();
    }
  }
}
