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
import org.junit.jupiter.api.Test;

/**
 * A live tier that falls back when unstaffed: with nobody of the team online, a handoff to the
 * standard tier goes to the email tier instead and the customer is told so honestly; once an agent is
 * online, the same handoff stays in live chat with the live wait.
 */
class UnstaffedFallbackEndToEndTest {

  @Test
  void standardTier_withNobodyOnline_fallsBackToEmail_andStaysLiveOnceSomeoneIsOnline() throws IOException {
    try (var server = TestServer.demo()) {
      Path spec = server.dataDir().resolve("demo").resolve("bot.yaml");
      Files.writeString(spec, Files.readString(spec).replace("    targetMinutes: 5\n    fallback: email",
          "    targetMinutes: 5\n    fallback: email\n    fallbackWhen: [unstaffed]"));
      assertThat(server.baton().brain().reload()).isTrue();

      JsonNode unstaffed = closeMyAccount(server);
      assertThat(unstaffed.path("state").asText()).isEqualTo("QUEUED");
      assertThat(unstaffed.path("replies").get(0).path("text").asText()).contains("by email").contains("about 4 hours");

      var alice = new ApiClient(server);
      alice.login(Demo.AGENTS.getFirst().email(), Demo.AGENTS.getFirst().password());
      assertThat(alice.agentPost("/api/agent/presence", "{\"status\":\"online\"}").status()).isEqualTo(200);

      JsonNode staffed = closeMyAccount(server);
      assertThat(staffed.path("replies").get(0).path("text").asText()).contains("Connecting you to the Support team")
          .contains("about 1 minute");
    }
  }

  private static JsonNode closeMyAccount(TestServer server) {
    var customer = new ApiClient(server);
    var started = customer.post("/api/conversations", "{\"name\":\"Ada\",\"email\":\"ada@example.com\"}");
    var response = customer.post("/api/conversations/" + started.json().path("id").asText() + "/messages",
        "{\"text\":\"please close my account\"}", "Authorization", bearer(started.json().path("token").asText()));
    assertThat(response.status()).isEqualTo(201);
    return response.json();
  }
}
