package baton.agent;

import static baton.ApiClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import baton.ApiClient;
import baton.Demo;
import baton.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** The supervisor's overview through the API: queues with their longest wait, agents with presence and load. */
class SupervisorOverviewEndToEndTest {

  @Test
  void overview_showsQueuesAndAgents_toSupervisorsOnly() {
    try (var server = TestServer.demo()) {
      var customer = new ApiClient(server);
      var started = customer.post("/api/conversations", "{}");
      customer.post("/api/conversations/" + started.json().path("id").asText() + "/messages", "{\"text\":\"agent please\"}",
          "Authorization", bearer(started.json().path("token").asText()));
      var alice = new ApiClient(server);
      alice.login(Demo.AGENTS.get(0).email(), Demo.AGENTS.get(0).password());
      alice.agentPost("/api/agent/presence", "{\"status\":\"online\"}");
      var bob = new ApiClient(server);
      bob.login(Demo.AGENTS.get(1).email(), Demo.AGENTS.get(1).password());

      var response = bob.get("/api/agent/supervisor/overview");

      assertThat(response.status()).isEqualTo(200);
      JsonNode support = team(response.json(), "support");
      assertThat(support.path("queued").asInt()).isEqualTo(1);
      assertThat(support.path("longestWaitSeconds").asLong()).isBetween(0L, 60L);
      assertThat(support.path("assignment").asText()).isEqualTo("claim");
      assertThat(support.path("agentsOnline").asInt()).isEqualTo(1);
      assertThat(team(response.json(), "billing").path("queued").asInt()).isZero();
      JsonNode aliceView = agent(response.json(), "Alice");
      assertThat(aliceView.path("presence").asText()).isEqualTo("online");
      assertThat(aliceView.path("load").asInt()).isZero();
      assertThat(aliceView.path("capacity").asInt()).isEqualTo(3);
      assertThat(aliceView.path("teams").get(0).asText()).isEqualTo("support");
      assertThat(agent(response.json(), "Bob").path("role").asText()).isEqualTo("supervisor");
      assertThat(alice.get("/api/agent/supervisor/overview").status()).as("agents may not").isEqualTo(403);
      assertThat(new ApiClient(server).get("/api/agent/supervisor/overview").status()).isEqualTo(401);
    }
  }

  private static JsonNode team(JsonNode overview, String id) {
    for (JsonNode team : overview.path("teams")) {
      if (team.path("id").asText().equals(id)) {
        return team;
      }
    }
    throw new AssertionError("no team " + id + " in " + overview);
  }

  private static JsonNode agent(JsonNode overview, String name) {
    for (JsonNode agent : overview.path("agents")) {
      if (agent.path("name").asText().equals(name)) {
        return agent;
      }
    }
    throw new AssertionError("no agent " + name + " in " + overview);
  }
}
