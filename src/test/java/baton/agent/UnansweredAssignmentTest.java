package baton.agent;

import static baton.ApiClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import baton.ApiClient;
import baton.Demo;
import baton.MutableClock;
import baton.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Clock-driven: an auto-assigned conversation whose agent stays silent past the team's reply time
 * (5 minutes for support) is taken back, the silent agent is marked away, the customer is told, and
 * the conversation goes to the other online agent.
 */
class UnansweredAssignmentTest {

  @Test
  void silentAgent_pastTheReplyTime_losesTheConversationToAnotherAgent_andIsMarkedAway() throws Exception {
    var clock = new MutableClock(Instant.parse("2026-11-25T09:00:00Z"));
    try (var server = TestServer.demoWithClock(clock)) {
      Path spec = server.dataDir().resolve("demo").resolve("bot.yaml");
      Files.writeString(spec, Files.readString(spec).replace("    name: Support\n    typicalReplyMinutes: 5",
          "    name: Support\n    typicalReplyMinutes: 5\n    assignment: auto"));
      assertThat(server.baton().brain().reload()).isTrue();
      Map<String, ApiClient> agents = new HashMap<>();
      for (Demo.DemoAgent login : Demo.AGENTS) {
        var agent = new ApiClient(server);
        assertThat(agent.login(login.email(), login.password()).status()).isEqualTo(200);
        assertThat(agent.agentPost("/api/agent/presence", "{\"status\":\"online\"}").status()).isEqualTo(200);
        agents.put(login.name(), agent);
      }
      var customer = new ApiClient(server);
      var started = customer.post("/api/conversations", "{\"name\":\"Ada\"}");
      String id = started.json().path("id").asText();
      customer.post("/api/conversations/" + id + "/messages", "{\"text\":\"agent please\"}", "Authorization",
          bearer(started.json().path("token").asText()));
      String first = awaitAgent(agents.get("Alice"), id, null);
      String other = first.equals("Alice") ? "Bob" : "Alice";

      clock.advance(Duration.ofMinutes(6));
      // The other agent's console is still open: it keeps them online.
      assertThat(agents.get(other).agentPost("/api/agent/presence", "{\"status\":\"online\"}").status()).isEqualTo(200);

      String second = awaitAgent(agents.get(other), id, first);
      assertThat(second).isEqualTo(other);
      JsonNode view = agents.get(other).get("/api/agent/conversations/" + id).json();
      assertThat(view.path("messages").findValuesAsText("text"))
          .anyMatch(text -> text.contains(first + " could not get to you in time"))
          .anyMatch(text -> text.contains(other + " from the Support team has joined"));
      var store = new JdbiAgentStore(server.baton().database().jdbi(), clock);
      assertThat(store.available("support")).extracting(available -> available.agent().name()).doesNotContain(first);
    }
  }

  /** Waits until the conversation is with an agent other than {@code notThis}; returns that agent's name. */
  private static String awaitAgent(ApiClient viewer, String id, String notThis) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
    while (Instant.now().isBefore(deadline)) {
      JsonNode conversation = viewer.get("/api/agent/conversations/" + id).json().path("conversation");
      String name = conversation.path("agent").path("name").asText("");
      if (conversation.path("state").asText().equals("WITH_AGENT") && !name.isEmpty() && !name.equals(notThis)) {
        return name;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("conversation " + id + " was not assigned" + (notThis == null ? "" : " away from " + notThis));
  }
}
