package baton.tickets;

import static baton.ApiClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import baton.ApiClient;
import baton.Demo;
import baton.MutableClock;
import baton.TestServer;
import baton.compliance.AuditEntry;
import baton.compliance.JdbiAuditLog;
import baton.platform.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The ticket list through the real HTTP API. On a Saturday, with the support and billing teams closed,
 * the demo's live tiers fall back: a standard request to the email tier, a chargeback to a ticket tier
 * added for the test. Both become tickets due when the customer was told; agents see their teams'
 * tickets, take one, reply through the existing chat path, mark it and solve it; every action is in the
 * audit log, and bad input gets 400 or 404.
 */
class TicketsEndToEndTest {
  private static final Demo.DemoAgent ALICE = Demo.AGENTS.get(0);
  private static final Demo.DemoAgent BOB = Demo.AGENTS.get(1);
  private static final Demo.DemoAgent CAROL = Demo.AGENTS.get(2);

  private record Customer(ApiClient client, String id, String auth) {
    JsonNode say(String text) {
      var response = client.post("/api/conversations/" + id + "/messages", Json.write(Map.of("text", text)), "Authorization", auth);
      assertThat(response.status()).as(response.body()).isEqualTo(201);
      return response.json();
    }
  }

  private static Customer aCustomer(TestServer server, String name) {
    var client = new ApiClient(server);
    var started = client.post("/api/conversations", "{\"name\":\"" + name + "\",\"email\":\"" + name.toLowerCase() + "@example.com\"}");
    return new Customer(client, started.json().path("id").asText(), bearer(started.json().path("token").asText()));
  }

  private static ApiClient login(TestServer server, Demo.DemoAgent agent) {
    var client = new ApiClient(server);
    assertThat(client.login(agent.email(), agent.password()).status()).isEqualTo(200);
    return client;
  }

  /** Both teams closed at weekends, and billing's live tier falling back to a ticket tier. */
  static void closedAtWeekendsWithATicketTier(TestServer server) throws IOException {
    Path spec = server.dataDir().resolve("demo").resolve("bot.yaml");
    String hours = "    hours:\n      timeZone: America/Denver\n      open: {mon-fri: \"08:00-18:00\"}\n";
    String text = Files.readString(spec)
        .replace("    typicalReplyMinutes: 5\n", "    typicalReplyMinutes: 5\n" + hours)
        .replace("    typicalReplyMinutes: 10\n", "    typicalReplyMinutes: 10\n" + hours)
        .replace("    targetMinutes: 10\n    fallback: email\n", "    targetMinutes: 10\n    fallback: claims\n")
        .replace("  - id: email\n    name: Email\n",
            "  - id: claims\n    name: Claims\n    channel: ticket\n    team: billing\n    targetMinutes: 1440\n"
                + "  - id: email\n    name: Email\n");
    Files.writeString(spec, text);
    assertThat(server.baton().brain().reload()).as("the edited spec loads").isTrue();
    assertThat(server.baton().brain().spec().escalation().tier("billing").fallback()).contains("claims");
  }

  private static List<JsonNode> tickets(ApiClient agent, String query) {
    var response = agent.get("/api/agent/tickets" + query);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return StreamSupport.stream(response.json().path("tickets").spliterator(), false).toList();
  }

  private static List<String> conversationIds(List<JsonNode> tickets) {
    return tickets.stream().map(ticket -> ticket.path("conversationId").asText()).toList();
  }

  @Test
  void handoffsToEmailAndTicketTiers_areTicketsDueWhenPromised_takenMarkedAndSolvedThroughTheApi() throws IOException {
    // Saturday 2026-11-28, 12:00 in Denver.
    var clock = new MutableClock(Instant.parse("2026-11-28T19:00:00Z"));
    try (var server = TestServer.demoWithClock(clock)) {
      closedAtWeekendsWithATicketTier(server);

      Customer ada = aCustomer(server, "Ada");
      JsonNode toEmail = ada.say("please close my account");
      assertThat(toEmail.path("state").asText()).isEqualTo("QUEUED");
      assertThat(toEmail.path("replies").get(0).path("text").asText()).contains("by email").contains("about 4 hours");
      Customer bea = aCustomer(server, "Bea");
      JsonNode toTicket = bea.say("I will dispute the charge with my bank for order KO-48213");
      assertThat(toTicket.path("state").asText()).as(toTicket.toString()).isEqualTo("QUEUED");

      ApiClient carol = login(server, CAROL);
      List<JsonNode> all = tickets(carol, "");
      assertThat(conversationIds(all)).as("soonest due first").containsExactly(ada.id(), bea.id());
      JsonNode email = all.get(0);
      assertThat(email.path("status").asText()).isEqualTo("open");
      assertThat(email.path("channel").asText()).isEqualTo("email");
      assertThat(email.path("tier").asText()).isEqualTo("email");
      assertThat(email.path("team").path("id").asText()).isEqualTo("support");
      assertThat(email.path("customerName").asText()).isEqualTo("Ada");
      assertThat(email.path("subject").asText()).contains("close my account");
      assertThat(email.path("reference").asText()).isEqualTo("BTN-" + ada.id().substring(0, 8).toUpperCase(java.util.Locale.ROOT));
      assertThat(email.path("assignee").isNull()).isTrue();
      assertThat(email.path("overdue").asBoolean()).isFalse();
      Instant created = Instant.parse(email.path("createdAt").asText());
      Instant due = Instant.parse(email.path("dueAt").asText());
      assertThat(Duration.between(created, due)).as("the email tier's 240 minutes, as the customer was told")
          .isBetween(Duration.ofMinutes(240).minusSeconds(1), Duration.ofMinutes(240).plusSeconds(1));
      JsonNode ticket = all.get(1);
      assertThat(ticket.path("channel").asText()).isEqualTo("ticket");
      assertThat(ticket.path("team").path("id").asText()).isEqualTo("billing");
      assertThat(Duration.between(Instant.parse(ticket.path("createdAt").asText()), Instant.parse(ticket.path("dueAt").asText())))
          .isBetween(Duration.ofMinutes(1440).minusSeconds(1), Duration.ofMinutes(1440).plusSeconds(1));

      assertThat(conversationIds(tickets(carol, "?team=billing"))).containsExactly(bea.id());
      assertThat(conversationIds(tickets(carol, "?assignee=none"))).containsExactly(ada.id(), bea.id());
      assertThat(tickets(carol, "?status=solved")).isEmpty();

      ApiClient alice = login(server, ALICE);
      assertThat(conversationIds(tickets(alice, ""))).as("Alice is in support only").containsExactly(ada.id());
      assertThat(alice.get("/api/agent/tickets/" + ticket.path("id").asText()).status()).isEqualTo(404);
      String adaTicket = "/api/agent/tickets/" + email.path("id").asText();
      assertThat(alice.post(adaTicket + "/take", "").status()).as("no CSRF token").isEqualTo(403);

      var taken = alice.agentPost(adaTicket + "/take", "");
      assertThat(taken.status()).as(taken.body()).isEqualTo(200);
      assertThat(taken.json().path("ticket").path("assignee").path("name").asText()).isEqualTo("Alice");
      assertThat(alice.agentPost(adaTicket + "/take", "").status()).as("taking your own ticket again changes nothing").isEqualTo(200);
      var raced = login(server, BOB).agentPost(adaTicket + "/take", "");
      assertThat(raced.status()).isEqualTo(409);
      assertThat(raced.errorCode()).isEqualTo("already_claimed");
      assertThat(conversationIds(tickets(alice, "?assignee=me"))).containsExactly(ada.id());
      assertThat(conversationIds(tickets(carol, "?assignee=none"))).containsExactly(bea.id());

      clock.advance(Duration.ofMinutes(1));
      assertThat(alice.agentPost("/api/agent/conversations/" + ada.id() + "/messages", "{\"text\":\"Done: your account closes tonight.\"}")
          .status()).isEqualTo(201);
      assertThat(alice.get(adaTicket).json().path("ticket").path("status").asText()).as("the team answered last").isEqualTo("pending");
      clock.advance(Duration.ofMinutes(1));
      ada.say("will I get a confirmation?");
      assertThat(alice.get(adaTicket).json().path("ticket").path("status").asText()).as("the customer wrote again").isEqualTo("open");
      clock.advance(Duration.ofMinutes(1));
      var marked = alice.agentPost(adaTicket + "/status", "{\"status\":\"pending\"}");
      assertThat(marked.status()).as(marked.body()).isEqualTo(200);
      assertThat(marked.json().path("ticket").path("status").asText()).isEqualTo("pending");
      assertThat(conversationIds(tickets(carol, "?status=pending"))).containsExactly(ada.id());
      assertThat(conversationIds(tickets(carol, "?status=open"))).containsExactly(bea.id());

      clock.advance(Duration.ofHours(5));
      // Five hours on, the agents' sessions have ended (idle timeout): the next shift logs in again.
      alice = login(server, ALICE);
      carol = login(server, CAROL);
      JsonNode late = alice.get(adaTicket).json().path("ticket");
      assertThat(late.path("overdue").asBoolean()).as("past the promised four hours").isTrue();

      var solved = alice.agentPost(adaTicket + "/status", "{\"status\":\"solved\",\"note\":\"Closed the account.\"}");
      assertThat(solved.status()).as(solved.body()).isEqualTo(200);
      JsonNode done = solved.json().path("ticket");
      assertThat(done.path("status").asText()).isEqualTo("solved");
      assertThat(done.path("overdue").asBoolean()).isFalse();
      assertThat(done.path("assignee").path("name").asText()).isEqualTo("Alice");
      assertThat(done.path("solvedAt").asText()).isNotEmpty();
      assertThat(conversationIds(tickets(alice, ""))).isEmpty();
      assertThat(conversationIds(tickets(alice, "?status=solved"))).containsExactly(ada.id());
      assertThat(alice.agentPost(adaTicket + "/status", "{\"status\":\"open\"}").status()).as("solved stays solved").isEqualTo(409);

      List<String> actions = new JdbiAuditLog(server.baton().database().jdbi(), clock).page(0, 1000).stream()
          .filter(entry -> entry.subject().equals("conversation:" + ada.id())).map(AuditEntry::action).toList();
      assertThat(actions).containsSubsequence("handoff", "claim", "ticket_status", "resolve");
    }
  }

  @Test
  void badInput_isRefusedWithTheRightStatus_andChangesNothing() throws IOException {
    var clock = new MutableClock(Instant.parse("2026-11-28T19:00:00Z"));
    try (var server = TestServer.demoWithClock(clock)) {
      closedAtWeekendsWithATicketTier(server);
      Customer ada = aCustomer(server, "Ada");
      ada.say("please close my account");
      ApiClient carol = login(server, CAROL);
      String id = tickets(carol, "").get(0).path("id").asText();

      assertThat(carol.get("/api/agent/tickets?status=closed").status()).isEqualTo(400);
      assertThat(carol.get("/api/agent/tickets?status=closed").errorCode()).isEqualTo("invalid_request");
      assertThat(carol.get("/api/agent/tickets?team=nowhere").status()).isEqualTo(400);
      assertThat(carol.get("/api/agent/tickets?assignee=somebody").status()).isEqualTo(400);
      assertThat(carol.get("/api/agent/tickets/" + UUID.randomUUID()).status()).isEqualTo(404);
      assertThat(carol.get("/api/agent/tickets/not-a-ticket").status()).isEqualTo(404);
      assertThat(carol.agentPost("/api/agent/tickets/" + UUID.randomUUID() + "/take", "").status()).isEqualTo(404);
      assertThat(carol.agentPost("/api/agent/tickets/" + UUID.randomUUID() + "/status", "{\"status\":\"pending\"}").status())
          .isEqualTo(404);
      assertThat(carol.agentPost("/api/agent/tickets/" + id + "/status", "{\"status\":\"closed\"}").status()).isEqualTo(400);
      assertThat(carol.agentPost("/api/agent/tickets/" + id + "/status", "{\"status\":\"pending\",\"note\":7}").status()).isEqualTo(400);
      assertThat(carol.agentPost("/api/agent/tickets/" + id + "/status", "not json").status()).isEqualTo(400);
      var notHolding = carol.agentPost("/api/agent/tickets/" + id + "/status", "{\"status\":\"solved\"}");
      assertThat(notHolding.status()).as("solving needs the ticket taken first").isEqualTo(409);
      assertThat(new ApiClient(server).get("/api/agent/tickets").status()).as("no session").isEqualTo(401);
      var page = new ApiClient(server).get("/console/tickets.html");
      assertThat(page.status()).isEqualTo(200);
      assertThat(page.body()).contains("/console/tickets.js").doesNotContain("onclick");
      assertThat(new ApiClient(server).get("/console/tickets.js").status()).isEqualTo(200);
      assertThat(new ApiClient(server).get("/console/").body()).as("one link from the console").contains("/console/tickets.html");

      JsonNode unchanged = carol.get("/api/agent/tickets/" + id).json().path("ticket");
      assertThat(unchanged.path("status").asText()).isEqualTo("open");
      assertThat(unchanged.path("assignee").isNull()).isTrue();
    }
  }
}
