package baton.agent;

import static baton.ApiClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import baton.ApiClient;
import baton.Demo;
import baton.MutableClock;
import baton.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Routing through the agent API: tier priority orders the queue, a topic's skill decides who may take
 * it, supervisors reassign and change skills live, agents resolve with a note or hand back to the bot,
 * admins manage agents, and a team outside its business hours is honest about when it is back.
 */
class RoutingEndToEndTest {
  private static final Demo.DemoAgent ALICE = Demo.AGENTS.get(0);
  private static final Demo.DemoAgent BOB = Demo.AGENTS.get(1);
  private static final Demo.DemoAgent CAROL = Demo.AGENTS.get(2);

  private record Customer(ApiClient client, String id, String auth) {
    JsonNode say(String text) {
      var response = client.post("/api/conversations/" + id + "/messages", "{\"text\":\"" + text + "\"}", "Authorization", auth);
      assertThat(response.status()).isEqualTo(201);
      return response.json();
    }

    JsonNode transcript() {
      return client.get("/api/conversations/" + id + "/messages?after=0", "Authorization", auth).json().path("messages");
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

  private static ApiClient patch(ApiClient client, String path, String body, int expectedStatus) {
    assertThat(client.agentPatch(path, body).status()).as("PATCH " + path + " " + body).isEqualTo(expectedStatus);
    return client;
  }

  @Test
  void queue_servesTheUrgentTierFirst_andShowsTierSkillAndFrustration() {
    try (var server = TestServer.demo()) {
      Customer standard = aCustomer(server, "Ada");
      assertThat(standard.say("please close my account").path("state").asText()).isEqualTo("QUEUED");
      Customer urgent = aCustomer(server, "Grace");
      assertThat(urgent.say("this is useless, I want a human now").path("state").asText()).isEqualTo("QUEUED");

      JsonNode queue = login(server, ALICE).get("/api/agent/queue").json().path("queued");
      assertThat(java.util.stream.StreamSupport.stream(queue.spliterator(), false).map(entry -> entry.path("id").asText()))
          .containsExactly(urgent.id(), standard.id());
      assertThat(queue.get(0).path("tier").asText()).isEqualTo("urgent");
      assertThat(queue.get(0).path("priority").asInt()).isEqualTo(1);
      assertThat(queue.get(1).path("priority").asInt()).isEqualTo(5);
      assertThat(queue.get(0).path("frustration").asText()).isIn("mild", "high");
      assertThat(queue.get(1).path("frustration").asText()).isEqualTo("none");
    }
  }

  @Test
  void skillTaggedConversation_isRefusedToAgentsWithoutTheSkill_untilASupervisorGivesIt() {
    try (var server = TestServer.demo()) {
      Customer customer = aCustomer(server, "Ada");
      assertThat(customer.say("I was charged twice for order KO-48213").path("state").asText()).isEqualTo("QUEUED");
      ApiClient carol = login(server, CAROL);
      JsonNode entry = carol.get("/api/agent/queue").json().path("queued").get(0);
      assertThat(entry.path("skill").asText()).isEqualTo("refunds");

      var refused = carol.agentPost("/api/agent/conversations/" + customer.id() + "/claim", "");
      assertThat(refused.status()).isEqualTo(409);
      assertThat(refused.errorCode()).isEqualTo("skill_required");

      ApiClient bob = login(server, BOB);
      String carolId = agentId(bob, CAROL.email());
      patch(bob, "/api/agent/admin/agents/" + carolId, "{\"skills\":\"refunds\"}", 400);
      patch(bob, "/api/agent/admin/agents/" + carolId, "{\"role\":\"agent\"}", 403);
      patch(bob, "/api/agent/admin/agents/" + carolId, "{\"skills\":[\"Refunds\"],\"capacity\":4}", 200);
      JsonNode carolNow = bob.get("/api/agent/admin/agents").json().path("agents").findParents("email").stream()
          .filter(agent -> agent.path("email").asText().equals(CAROL.email())).findFirst().orElseThrow();
      assertThat(carolNow.path("skills").get(0).asText()).isEqualTo("refunds");
      assertThat(carolNow.path("capacity").asInt()).isEqualTo(4);
      assertThat(carolNow.path("role").asText()).as("the refused role change changed nothing").isEqualTo("admin");

      assertThat(carol.agentPost("/api/agent/conversations/" + customer.id() + "/claim", "").status()).isEqualTo(200);
    }
  }

  @Test
  void supervisorReassigns_theCustomerHearsWhoTakesOver_andOnlySupervisorsMay() {
    try (var server = TestServer.demo()) {
      Customer customer = aCustomer(server, "Ada");
      customer.say("I want to talk to a person please");
      ApiClient alice = login(server, ALICE);
      assertThat(alice.agentPost("/api/agent/conversations/" + customer.id() + "/claim", "").status()).isEqualTo(200);
      ApiClient bob = login(server, BOB);
      String bobId = agentId(bob, BOB.email());

      assertThat(alice.agentPost("/api/agent/conversations/" + customer.id() + "/reassign", "{\"agentId\":\"" + bobId + "\"}").status())
          .isEqualTo(403);
      assertThat(bob.agentPost("/api/agent/conversations/" + customer.id() + "/reassign", "{\"agentId\":\"nobody\"}").status())
          .isEqualTo(400);
      var moved = bob.agentPost("/api/agent/conversations/" + customer.id() + "/reassign", "{\"agentId\":\"" + bobId + "\"}");
      assertThat(moved.status()).isEqualTo(200);
      assertThat(moved.json().path("conversation").path("agent").path("name").asText()).isEqualTo("Bob");
      assertThat(customer.transcript().findValuesAsText("text")).anyMatch(text -> text.startsWith("Bob from the Support team is taking over"));
      assertThat(alice.agentPost("/api/agent/conversations/" + customer.id() + "/messages", "{\"text\":\"hi\"}").status())
          .as("Alice no longer holds it").isEqualTo(409);
      assertThat(bob.agentPost("/api/agent/conversations/" + customer.id() + "/messages", "{\"text\":\"Bob here\"}").status())
          .isEqualTo(201);
    }
  }

  @Test
  void resolveWithNoteAndReusable_thenHandBack_returnsTheCustomerToTheBot() {
    try (var server = TestServer.demo()) {
      Customer customer = aCustomer(server, "Ada");
      customer.say("can I talk to a human");
      ApiClient alice = login(server, ALICE);
      alice.agentPost("/api/agent/conversations/" + customer.id() + "/claim", "");
      String path = "/api/agent/conversations/" + customer.id();
      assertThat(alice.agentPost(path + "/resolve", "{\"reusable\":\"yes\"}").status()).isEqualTo(400);
      assertThat(alice.agentPost(path + "/resolve", "{\"reusable\":true}").status())
          .as("nothing to reuse: no reply and no note").isEqualTo(400);
      assertThat(alice.get(path).json().path("conversation").path("state").asText()).isEqualTo("WITH_AGENT");
      assertThat(alice.agentPost(path + "/messages", "{\"text\":\"Our gift cards never expire.\"}").status()).isEqualTo(201);
      var resolved = alice.agentPost(path + "/resolve", "{\"note\":\"Gift card expiry question\",\"reusable\":true}");
      assertThat(resolved.status()).isEqualTo(200);
      assertThat(resolved.json().path("conversation").path("state").asText()).isEqualTo("RESOLVED");
      JsonNode handoff = alice.get(path).json().path("handoff");
      assertThat(handoff.path("resolution").asText()).isEqualTo("resolved");
      assertThat(handoff.path("resolutionNote").asText()).isEqualTo("Gift card expiry question");
      assertThat(handoff.path("reusable").asBoolean()).isTrue();

      Customer second = aCustomer(server, "Bea");
      second.say("agent please");
      alice.agentPost("/api/agent/conversations/" + second.id() + "/claim", "");
      assertThat(alice.agentPost("/api/agent/conversations/" + second.id() + "/hand-back", "{\"note\":42}").status()).isEqualTo(400);
      var back = alice.agentPost("/api/agent/conversations/" + second.id() + "/hand-back", "{\"note\":\"Only had a sizing question\"}");
      assertThat(back.status()).isEqualTo(200);
      assertThat(back.json().path("conversation").path("state").asText()).isEqualTo("BOT");
      JsonNode answer = second.say("How long does shipping take?");
      assertThat(answer.path("state").asText()).isEqualTo("BOT");
      assertThat(answer.path("replies").get(0).path("author").asText()).isEqualTo("bot");
      assertThat(second.transcript().findValuesAsText("text")).anyMatch(text -> text.contains("handed you back to Sam"));
    }
  }

  @Test
  void adminCreatesAgents_supervisorsMayNot_andBadInputChangesNothing() {
    try (var server = TestServer.demo()) {
      ApiClient carol = login(server, CAROL);
      String dan = "{\"email\":\"dan@example.com\",\"name\":\"Dan\",\"password\":\"dan-secret-pass\",\"teams\":[\"billing\"],"
          + "\"skills\":[\"refunds\"],\"capacity\":2}";
      var created = carol.agentPost("/api/agent/admin/agents", dan);
      assertThat(created.status()).isEqualTo(201);
      assertThat(created.json().path("agent").path("skills").get(0).asText()).isEqualTo("refunds");
      assertThat(carol.agentPost("/api/agent/admin/agents", dan).errorCode()).isEqualTo("agent_exists");
      assertThat(carol.agentPost("/api/agent/admin/agents", "{\"email\":\"eve@example.com\",\"name\":\"Eve\",\"password\":\"short\"}")
          .status()).isEqualTo(400);
      assertThat(carol.agentPost("/api/agent/admin/agents",
          "{\"email\":\"eve@example.com\",\"name\":\"Eve\",\"password\":\"long-enough-pass\",\"teams\":[\"nowhere\"]}").status())
          .isEqualTo(400);
      assertThat(login(server, BOB).agentPost("/api/agent/admin/agents", dan.replace("dan@", "dan2@")).status()).isEqualTo(403);
      assertThat(login(server, ALICE).get("/api/agent/admin/agents").status()).isEqualTo(403);
      String danId = created.json().path("agent").path("id").asText();
      patch(carol, "/api/agent/admin/agents/" + danId, "{\"capacity\":500}", 400);
      patch(carol, "/api/agent/admin/agents/" + danId, "{\"shoeSize\":44}", 400);
      assertThat(carol.get("/api/agent/admin/agents").json().path("agents").findParents("email").stream()
          .filter(agent -> agent.path("email").asText().equals("dan@example.com")).findFirst().orElseThrow().path("capacity").asInt())
          .isEqualTo(2);
      var dansClient = new ApiClient(server);
      assertThat(dansClient.login("dan@example.com", "dan-secret-pass").status()).isEqualTo(200);
      patch(carol, "/api/agent/admin/teams/billing", "{\"assignment\":\"sometimes\"}", 400);
      patch(carol, "/api/agent/admin/teams/billing", "{\"assignment\":\"auto\",\"typicalReplyMinutes\":15}", 200);
      patch(carol, "/api/agent/admin/teams/nowhere", "{\"assignment\":\"auto\"}", 404);
    }
  }

  @Test
  void teamOutsideItsHours_saysWhenItIsBack_andALiveTierWithAFallbackFallsBack() throws IOException {
    // Saturday 2026-11-28 at 12:00 in Denver.
    var clock = new MutableClock(Instant.parse("2026-11-28T19:00:00Z"));
    try (var server = TestServer.demoWithClock(clock)) {
      Path spec = server.dataDir().resolve("demo").resolve("bot.yaml");
      Files.writeString(spec, Files.readString(spec).replace("""
            - id: support
              name: Support
              typicalReplyMinutes: 5
          """, """
            - id: support
              name: Support
              typicalReplyMinutes: 5
              hours:
                timeZone: America/Denver
                open: {mon-fri: "08:00-18:00"}
          """));
      assertThat(server.baton().brain().reload()).isTrue();
      login(server, ALICE).agentPost("/api/agent/presence", "{\"status\":\"online\"}");

      JsonNode callback = aCustomer(server, "Ada").say("please call me back on +1 303 555 0142 any time");
      assertThat(callback.path("state").asText()).isEqualTo("QUEUED");
      assertThat(callback.path("replies").get(0).path("text").asText())
          .startsWith("The Support team is away right now and back at 08:00 on Monday (America/Denver time).");

      JsonNode standard = aCustomer(server, "Bea").say("please close my account");
      assertThat(standard.path("replies").get(0).path("text").asText()).as("standard falls back to email when closed")
          .contains("by email");

      clock.advance(java.time.Duration.ofDays(2)); // Monday 12:00 in Denver
      JsonNode open = aCustomer(server, "Cy").say("please close my account");
      assertThat(open.path("replies").get(0).path("text").asText()).contains("Connecting you to the Support team")
          .doesNotContain("away right now");
    }
  }

  private static String agentId(ApiClient client, String email) {
    return client.get("/api/agent/admin/agents").json().path("agents").findParents("email").stream()
        .filter(agent -> agent.path("email").asText().equals(email)).findFirst().orElseThrow().path("id").asText();
  }
}
