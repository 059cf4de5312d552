package baton.agent;

import static baton.ApiClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import baton.ApiClient;
import baton.Demo;
import baton.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Auto-assignment through the real APIs: with the support team set to {@code assignment: auto}, a
 * handoff goes straight to the online agent with room; an agent at capacity gets nothing more until a
 * conversation is resolved; an agent who goes offline gets nothing at all.
 */
class AutoAssignmentEndToEndTest {

  @Test
  void autoTeam_assignsToTheOnlineAgentWithRoom_respectsCapacity_andSkipsOfflineAgents() throws IOException, InterruptedException {
    try (var server = TestServer.demo()) {
      Path spec = server.dataDir().resolve("demo").resolve("bot.yaml");
      Files.writeString(spec, Files.readString(spec).replace("    name: Support\n    typicalReplyMinutes: 5",
          "    name: Support\n    typicalReplyMinutes: 5\n    assignment: auto"));
      assertThat(server.baton().brain().reload()).isTrue();
      Demo.DemoAgent aliceLogin = Demo.AGENTS.getFirst();
      var store = new JdbiAgentStore(server.baton().database().jdbi(), Clock.systemUTC());
      Agent aliceAgent = store.findByEmail(aliceLogin.email()).orElseThrow();
      store.setCapacity(aliceAgent.id(), 1);
      var alice = new ApiClient(server);
      assertThat(alice.login(aliceLogin.email(), aliceLogin.password()).status()).isEqualTo(200);
      assertThat(alice.agentPost("/api/agent/presence", "{\"status\":\"online\"}").status()).isEqualTo(200);

      String first = askForAPerson(server, "about 1 minute"); // Alice has room: the pickup time
      JsonNode assigned = awaitState(alice, first, "WITH_AGENT");
      assertThat(assigned.path("conversation").path("agent").path("name").asText()).isEqualTo("Alice");
      assertThat(assigned.path("messages").findValuesAsText("text")).anyMatch(text -> text.contains("Alice from the Support team has joined"));

      String second = askForAPerson(server, "about 9 minutes"); // Alice is full: 1 minute pickup + one 8-minute handle
      Thread.sleep(3_000); // longer than a sweep: Alice is full, so it must still be waiting
      assertThat(alice.get("/api/agent/conversations/" + second).json().path("conversation").path("state").asText()).isEqualTo("QUEUED");

      assertThat(alice.agentPost("/api/agent/conversations/" + first + "/resolve", "").status()).isEqualTo(200);
      awaitState(alice, second, "WITH_AGENT");

      assertThat(alice.agentPost("/api/agent/presence", "{\"status\":\"offline\"}").status()).isEqualTo(200);
      assertThat(alice.agentPost("/api/agent/conversations/" + second + "/resolve", "").status()).isEqualTo(200);
      String third = askForAPerson(server, "about 2 minutes"); // nobody online: the tier's promise
      Thread.sleep(3_000);
      assertThat(alice.get("/api/agent/conversations/" + third).json().path("conversation").path("state").asText())
          .as("nobody online").isEqualTo("QUEUED");
      assertThat(alice.agentPost("/api/agent/presence", "{\"status\":\"busy\"}").status()).isEqualTo(400);
    }
  }

  private static String askForAPerson(TestServer server, String promisedWait) {
    var customer = new ApiClient(server);
    var started = customer.post("/api/conversations", "{\"name\":\"Ada\"}");
    String id = started.json().path("id").asText();
    var handedOff = customer.post("/api/conversations/" + id + "/messages", "{\"text\":\"agent please\"}",
        "Authorization", bearer(started.json().path("token").asText()));
    assertThat(handedOff.json().path("state").asText()).isIn("QUEUED", "WITH_AGENT");
    assertThat(handedOff.json().path("replies").get(0).path("text").asText()).contains(promisedWait);
    return id;
  }

  private static JsonNode awaitState(ApiClient agent, String id, String state) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
    while (Instant.now().isBefore(deadline)) {
      JsonNode view = agent.get("/api/agent/conversations/" + id).json();
      if (view.path("conversation").path("state").asText().equals(state)) {
        return view;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("conversation " + id + " never reached " + state);
  }
}
