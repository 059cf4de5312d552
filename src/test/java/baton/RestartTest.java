package baton;

import static baton.ApiClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import baton.platform.TestDatabases;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Stopping and starting the server on the same H2 file loses nothing. */
class RestartTest {

  @Test
  void restart_onTheSameH2File_keepsTranscriptsQueuesAndSequenceNumbers() throws Exception {
    Path dir = Files.createTempDirectory("baton-restart-");
    try {
      String id;
      String token;
      JsonNode before;
      try (var server = TestServer.demoIn(dir)) {
        var customer = new ApiClient(server);
        var started = customer.post("/api/conversations", "{\"name\":\"Grace\"}");
        id = started.json().path("id").asText();
        token = started.json().path("token").asText();
        customer.post("/api/conversations/" + id + "/messages", "{\"text\":\"How do I return an item?\"}", "Authorization", bearer(token));
        customer.post("/api/conversations/" + id + "/messages", "{\"text\":\"agent please\"}", "Authorization", bearer(token));
        before = customer.get("/api/conversations/" + id + "/messages", "Authorization", bearer(token)).json();
      }

      try (var server = TestServer.demoIn(dir)) {
        var customer = new ApiClient(server);
        JsonNode after = customer.get("/api/conversations/" + id + "/messages", "Authorization", bearer(token)).json();
        assertThat(after.path("messages")).isEqualTo(before.path("messages"));
        assertThat(after.path("conversation").path("state").asText()).isEqualTo("QUEUED");

        var next = customer.post("/api/conversations/" + id + "/messages", "{\"text\":\"still there?\"}", "Authorization", bearer(token));
        assertThat(next.json().path("message").path("seq").asLong()).isEqualTo(before.path("messages").size() + 1);

        var agent = new ApiClient(server);
        agent.login(Demo.AGENTS.getFirst().email(), Demo.AGENTS.getFirst().password());
        assertThat(agent.get("/api/agent/queue").json().path("queued").toString()).contains(id);
      }
    } finally {
      TestDatabases.deleteQuietly(dir);
    }
  }
}
