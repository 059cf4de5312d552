package baton.escalation;

import static baton.ApiClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import baton.ApiClient;
import baton.Demo;
import baton.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * Proactive escalation through the real chat and agent APIs: an order number given early, a
 * frustrated message later; the conversation goes to the urgent tier, the customer is told who and
 * when, and the agent sees the packet (order id, frustration, the rule and signals) and the decision
 * log; a routine handoff first asks for the missing order number, once.
 */
class EscalationEndToEndTest {

  @Test
  void frustratedCustomer_goesToTheUrgentTier_andTheAgentSeesThePacketAndWhy() throws java.io.IOException {
    try (var server = TestServer.demo()) {
      var customer = new ApiClient(server);
      var started = customer.post("/api/conversations", "{\"name\":\"Ada\",\"email\":\"ada@example.com\"}");
      String id = started.json().path("id").asText();
      String auth = bearer(started.json().path("token").asText());

      say(customer, id, auth, "hi, my order KO-48213 is late");
      say(customer, id, auth, "which payment methods do you accept");
      JsonNode escalated = say(customer, id, auth, "This is the THIRD time I ask and your bot is useless!!! I want a refund NOW");

      assertThat(escalated.path("state").asText()).isEqualTo("QUEUED");
      String notice = escalated.path("replies").get(0).path("text").asText();
      assertThat(notice).contains("Support team").contains("about 2 minutes").doesNotContain("frustrated");

      var agent = new ApiClient(server);
      assertThat(agent.login(Demo.AGENTS.get(0).email(), Demo.AGENTS.get(0).password()).status()).isEqualTo(200);
      JsonNode queue = agent.get("/api/agent/queue").json();
      assertThat(queue.path("queued").get(0).path("handoffReason").asText()).isEqualTo("frustration");
      JsonNode view = agent.get("/api/agent/conversations/" + id).json();
      JsonNode packet = view.path("packet");
      JsonNode schema = baton.platform.Json.readTree(java.nio.file.Files.readString(
          java.nio.file.Path.of("docs/schemas/handoff-packet-v1.schema.json")));
      assertThat(PacketSchemaCheck.violations(schema, packet)).as("the packet matches its published schema").isEmpty();
      assertThat(packet.path("schema").asText()).isEqualTo("baton.handoff-packet");
      assertThat(packet.path("version").asInt()).isEqualTo(1);
      assertThat(packet.path("customer").path("name").asText()).isEqualTo("Ada");
      assertThat(packet.path("customer").path("email").asText()).isEqualTo("ada@example.com");
      assertThat(packet.path("customer").path("orderIds").get(0).asText()).isEqualTo("KO-48213");
      assertThat(packet.path("sentiment").path("frustration").asText()).isEqualTo("high");
      assertThat(packet.path("sentiment").path("cues")).isNotEmpty();
      assertThat(packet.path("escalation").path("tier").path("id").asText()).isEqualTo("urgent");
      assertThat(packet.path("escalation").path("rule").asText()).isEqualTo("human_request or frustration == high");
      assertThat(packet.path("escalation").path("signals").path("frustration").asText()).isEqualTo("high");
      assertThat(packet.path("summary").path("request").asText()).isEqualTo("hi, my order KO-48213 is late");
      assertThat(packet.path("transcript").size()).as("greeting to the escalating message").isEqualTo(6);
      assertThat(view.path("handoff").path("tier").asText()).isEqualTo("urgent");
      JsonNode decisions = view.path("decisions");
      assertThat(decisions).hasSize(3);
      assertThat(decisions.get(2).path("action").asText()).isEqualTo("handoff");
      assertThat(decisions.get(2).path("signals").path("frustration").asText()).isEqualTo("high");
      assertThat(decisions.get(1).path("signals").path("frustration").asText()).isEqualTo("none");
    }
  }

  @Test
  void routineHandoff_asksOnceForTheMissingOrderNumber_thenHandsOffWithIt() throws java.io.IOException {
    try (var server = TestServer.demo()) {
      var customer = new ApiClient(server);
      var started = customer.post("/api/conversations", "{\"name\":\"Ben\",\"email\":\"ben@example.com\"}");
      String id = started.json().path("id").asText();
      String auth = bearer(started.json().path("token").asText());

      JsonNode asked = say(customer, id, auth, "If this is not sorted I will talk to my lawyer");
      assertThat(asked.path("state").asText()).isEqualTo("BOT");
      assertThat(asked.path("replies").get(0).path("text").asText()).contains("order number");

      JsonNode handedOff = say(customer, id, auth, "it's KO-55120");
      assertThat(handedOff.path("state").asText()).isEqualTo("QUEUED");

      var billingAgent = new ApiClient(server); // Bob works the billing queue; Alice only support
      assertThat(billingAgent.login(Demo.AGENTS.get(1).email(), Demo.AGENTS.get(1).password()).status()).isEqualTo(200);
      JsonNode packet = billingAgent.get("/api/agent/conversations/" + id).json().path("packet");
      JsonNode schema = baton.platform.Json.readTree(java.nio.file.Files.readString(
          java.nio.file.Path.of("docs/schemas/handoff-packet-v1.schema.json")));
      assertThat(PacketSchemaCheck.violations(schema, packet)).isEmpty();
      assertThat(packet.path("escalation").path("reason").asText()).isEqualTo("policy_keyword");
      assertThat(packet.path("escalation").path("tier").path("id").asText()).isEqualTo("billing");
      assertThat(packet.path("escalation").path("signals").path("keyword").get(0).asText()).isEqualTo("legal");
      assertThat(packet.path("summary").path("details").findValuesAsText("value")).contains("KO-55120", "ben@example.com");
      assertThat(packet.path("summary").path("missing")).isEmpty();
    }
  }

  private static JsonNode say(ApiClient customer, String id, String auth, String text) {
    var response = customer.post("/api/conversations/" + id + "/messages",
        baton.platform.Json.write(java.util.Map.of("text", text)), "Authorization", auth);
    assertThat(response.status()).as(response.body()).isEqualTo(201);
    return response.json();
  }
}
