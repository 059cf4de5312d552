package baton.agent;

import static baton.ApiClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import baton.ApiClient;
import baton.Demo;
import baton.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * A transfer through the agent API: Alice passes a conversation to the billing team with a note; the
 * customer is told who takes over; Bob finds it in the billing queue with the packet and Alice's note;
 * bad requests change nothing.
 */
class TransferEndToEndTest {

  @Test
  void transfer_toAnotherTeam_keepsThePacket_addsTheNote_andTellsTheCustomer() {
    try (var server = TestServer.demo()) {
      var customer = new ApiClient(server);
      var started = customer.post("/api/conversations", "{\"name\":\"Ada\",\"email\":\"ada@example.com\"}");
      String id = started.json().path("id").asText();
      String auth = bearer(started.json().path("token").asText());
      customer.post("/api/conversations/" + id + "/messages", "{\"text\":\"my order KO-48213 never came, agent please\"}", "Authorization", auth);
      var alice = new ApiClient(server);
      alice.login(Demo.AGENTS.get(0).email(), Demo.AGENTS.get(0).password());
      assertThat(alice.agentPost("/api/agent/conversations/" + id + "/claim", "").status()).isEqualTo(200);
      JsonNode packetBefore = alice.get("/api/agent/conversations/" + id).json().path("packet");

      assertThat(alice.agentPost("/api/agent/conversations/" + id + "/transfer", "{\"teamId\":\"nobody\",\"note\":\"x\"}").status())
          .isEqualTo(400);
      assertThat(alice.agentPost("/api/agent/conversations/" + id + "/transfer", "{\"teamId\":\"billing\",\"note\":\"  \"}").status())
          .isEqualTo(400);
      assertThat(alice.agentPost("/api/agent/conversations/" + id + "/transfer", "{\"teamId\":\"billing\"}").status()).isEqualTo(400);
      assertThat(alice.get("/api/agent/conversations/" + id).json().path("conversation").path("state").asText())
          .as("bad requests change nothing").isEqualTo("WITH_AGENT");

      var moved = alice.agentPost("/api/agent/conversations/" + id + "/transfer",
          "{\"teamId\":\"billing\",\"note\":\"Refund for a lost parcel; carrier trace done, please refund.\"}");
      assertThat(moved.status()).isEqualTo(200);
      assertThat(moved.json().path("conversation").path("state").asText()).isEqualTo("QUEUED");
      assertThat(alice.agentPost("/api/agent/conversations/" + id + "/transfer", "{\"teamId\":\"support\",\"note\":\"again\"}").status())
          .as("the billing queue is not Alice's: she no longer even sees it").isEqualTo(404);

      JsonNode transcript = customer.get("/api/conversations/" + id + "/messages?after=0", "Authorization", auth).json().path("messages");
      assertThat(transcript.findValuesAsText("text")).anyMatch(text -> text.contains("Alice has passed your conversation to the Billing team"));

      var bob = new ApiClient(server);
      bob.login(Demo.AGENTS.get(1).email(), Demo.AGENTS.get(1).password());
      JsonNode queue = bob.get("/api/agent/queue").json().path("queued");
      assertThat(queue.findValuesAsText("id")).contains(id);
      JsonNode view = bob.get("/api/agent/conversations/" + id).json();
      assertThat(view.path("conversation").path("team").path("id").asText()).isEqualTo("billing");
      assertThat(view.path("handoff").path("reason").asText()).isEqualTo("transfer");
      assertThat(view.path("handoff").path("detail").asText()).isEqualTo("Transferred by Alice: Refund for a lost parcel; carrier trace done, please refund.");
      assertThat(view.path("packet")).isEqualTo(packetBefore);
      assertThat(view.path("packet").path("customer").path("orderIds").get(0).asText()).isEqualTo("KO-48213");
    }
  }
}
