package baton.agent;

import static baton.ApiClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import baton.ApiClient;
import baton.Demo;
import baton.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Internal notes through the real APIs: agents write them and see them (also after a transfer); the
 * customer never does — not in the transcript, not in the live socket's backlog, not live — and the
 * customer's sequence numbers stay gap-free.
 */
class InternalNotesEndToEndTest {
  private static final String SECRET = "VIP, refund already approved by Dana";

  @Test
  void notes_reachAgentsOnly_andLeaveTheCustomersTranscriptGapFree() {
    try (var server = TestServer.demo()) {
      var customer = new ApiClient(server);
      var started = customer.post("/api/conversations", "{\"name\":\"Ada\"}");
      String id = started.json().path("id").asText();
      String token = started.json().path("token").asText();
      customer.post("/api/conversations/" + id + "/messages", "{\"text\":\"agent please\"}", "Authorization", bearer(token));
      var alice = new ApiClient(server);
      alice.login(Demo.AGENTS.get(0).email(), Demo.AGENTS.get(0).password());
      alice.agentPost("/api/agent/conversations/" + id + "/claim", "");

      try (var live = customer.openLive("/api/conversations/" + id + "/live?token=" + token + "&after=0")) {
        var added = alice.agentPost("/api/agent/conversations/" + id + "/notes", "{\"text\":\"" + SECRET + "\"}");
        assertThat(added.status()).isEqualTo(201);
        assertThat(added.json().path("note").path("author").asText()).isEqualTo("Alice");
        assertThat(alice.agentPost("/api/agent/conversations/" + id + "/notes", "{\"text\":\"   \"}").status()).isEqualTo(400);
        assertThat(alice.agentPost("/api/agent/conversations/" + id + "/notes", "{\"text\":\"" + "x".repeat(4001) + "\"}").status())
            .isEqualTo(400);
        alice.agentPost("/api/agent/conversations/" + id + "/messages", "{\"text\":\"Hi Ada, I am on it.\"}");
        live.awaitMessage(message -> message.path("text").asText().contains("I am on it"));

        assertThat(live.seen()).noneMatch(frame -> frame.toString().contains(SECRET));
      }
      JsonNode transcript = customer.get("/api/conversations/" + id + "/messages?after=0", "Authorization", bearer(token)).json()
          .path("messages");
      assertThat(transcript.toString()).doesNotContain(SECRET);
      for (int i = 0; i < transcript.size(); i++) {
        assertThat(transcript.get(i).path("seq").asLong()).as("gap-free").isEqualTo(i + 1);
      }
      try (var resumed = customer.openLive("/api/conversations/" + id + "/live?token=" + token + "&after=0")) {
        resumed.awaitMessage(message -> message.path("text").asText().contains("I am on it"));
        assertThat(resumed.seen()).noneMatch(frame -> frame.toString().contains(SECRET));
      }

      alice.agentPost("/api/agent/conversations/" + id + "/transfer", "{\"teamId\":\"billing\",\"note\":\"refund\"}");
      var bob = new ApiClient(server);
      bob.login(Demo.AGENTS.get(1).email(), Demo.AGENTS.get(1).password());
      JsonNode notes = bob.get("/api/agent/conversations/" + id).json().path("notes");
      assertThat(notes).hasSize(1);
      assertThat(notes.get(0).path("text").asText()).isEqualTo(SECRET);
      assertThat(customer.post("/api/conversations/" + id + "/notes", "{\"text\":\"x\"}", "Authorization", bearer(token)).status())
          .as("customers have no notes route").isIn(404, 405);
    }
  }
}
