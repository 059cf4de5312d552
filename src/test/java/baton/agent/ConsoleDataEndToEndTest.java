package baton.agent;

import static baton.ApiClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import baton.ApiClient;
import baton.Demo;
import baton.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** The two things the console needs beyond the routing API: tier names in the queue, and who holds what for supervisors. */
class ConsoleDataEndToEndTest {

  @Test
  void queueEntry_namesItsTier_asTheSpecDoes() {
    try (var server = TestServer.demo()) {
      String id = aCustomerAsksForAPerson(server, "this is useless, I want a human now");
      var alice = new ApiClient(server);
      alice.login(Demo.AGENTS.get(0).email(), Demo.AGENTS.get(0).password());

      JsonNode entry = alice.get("/api/agent/queue").json().path("queued").get(0);

      assertThat(entry.path("id").asText()).isEqualTo(id);
      assertThat(entry.path("tier").asText()).isEqualTo("urgent");
      assertThat(entry.path("tierName").asText()).isEqualTo("Priority");
    }
  }

  @Test
  void supervisorOverview_listsWaitingAndHeldConversations_withTheirHolder_andEachTeamsReplyPromise() {
    try (var server = TestServer.demo()) {
      String held = aCustomerAsksForAPerson(server, "agent please");
      String waiting = aCustomerAsksForAPerson(server, "agent please");
      var alice = new ApiClient(server);
      alice.login(Demo.AGENTS.get(0).email(), Demo.AGENTS.get(0).password());
      assertThat(alice.agentPost("/api/agent/conversations/" + held + "/claim", "").status()).isEqualTo(200);
      var bob = new ApiClient(server);
      bob.login(Demo.AGENTS.get(1).email(), Demo.AGENTS.get(1).password());

      JsonNode overview = bob.get("/api/agent/supervisor/overview").json();

      JsonNode heldView = conversation(overview, held);
      assertThat(heldView.path("state").asText()).isEqualTo("WITH_AGENT");
      assertThat(heldView.path("assignedAgent").asText()).isEqualTo("Alice");
      assertThat(heldView.path("agentId").asText()).isEqualTo(alice.get("/api/agent/me").json().path("agent").path("id").asText());
      assertThat(conversation(overview, waiting).path("state").asText()).isEqualTo("QUEUED");
      assertThat(overview.path("conversations")).hasSize(2);
      assertThat(StreamSupport.stream(overview.path("teams").spliterator(), false)
          .filter(team -> team.path("id").asText().equals("billing")).findFirst().orElseThrow()
          .path("typicalReplyMinutes").asInt()).isEqualTo(10);
    }
  }

  private static String aCustomerAsksForAPerson(TestServer server, String text) {
    var customer = new ApiClient(server);
    var started = customer.post("/api/conversations", "{\"name\":\"Ada\"}");
    String id = started.json().path("id").asText();
    var answer = customer.post("/api/conversations/" + id + "/messages", "{\"text\":\"" + text + "\"}",
        "Authorization", bearer(started.json().path("token").asText()));
    assertThat(answer.json().path("state").asText()).isEqualTo("QUEUED");
    return id;
  }

  private static JsonNode conversation(JsonNode overview, String id) {
    return StreamSupport.stream(overview.path("conversations").spliterator(), false)
        .filter(entry -> entry.path("id").asText().equals(id)).findFirst()
        .orElseThrow(() -> new AssertionError("no conversation " + id + " in " + overview));
  }
}
