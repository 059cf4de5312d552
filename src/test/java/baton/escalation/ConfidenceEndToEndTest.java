package baton.escalation;

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
 * The bot's brain through the real chat API with the real sentence model: the demo's fitted policy
 * answers a routine question and hands off one it has no answer for; a clarifying question offers
 * choices and the customer's pick is answered from the chosen article; admins see each source's sync.
 */
class ConfidenceEndToEndTest {

  @Test
  void demoBot_answersRoutineQuestions_andHandsOffWhatItCannotAnswer() {
    try (var server = TestServer.demo()) {
      var customer = new ApiClient(server);
      String[] conversation = start(customer);
      String id = conversation[0];
      String auth = conversation[1];

      JsonNode answered = say(customer, id, auth, "my promo code is not working at checkout");
      assertThat(answered.path("state").asText()).isEqualTo("BOT");
      assertThat(answered.path("replies").get(0).path("citations").get(0).path("url").asText())
          .startsWith("/kb/promo-codes-and-gift-cards#");

      JsonNode handedOff = say(customer, id, auth, "what is the population of mongolia");
      assertThat(handedOff.path("state").asText()).isEqualTo("QUEUED");
      assertThat(handedOff.path("replies").get(0).path("text").asText()).contains("not confident");
    }
  }

  @Test
  void clarifyingQuestion_offersChoices_andAnswersThePickedOne() throws IOException {
    try (var server = TestServer.demo()) {
      Path spec = server.dataDir().resolve("demo").resolve("bot.yaml");
      // Bounds that make every turn a clarifying one: answer only when certain, never hand off.
      Files.writeString(spec, Files.readString(spec)
          .replace("  targetPrecision: 0.95\n  validation: validation.csv\n", "")
          .replace("answerAbove: 0.75", "answerAbove: 1.0")
          .replace("clarifyAbove: 0.35", "clarifyAbove: 0.0"));
      assertThat(server.baton().brain().reload()).isTrue();
      var customer = new ApiClient(server);
      String[] conversation = start(customer);
      String id = conversation[0];
      String auth = conversation[1];

      JsonNode asked = say(customer, id, auth, "refund");
      assertThat(asked.path("state").asText()).isEqualTo("BOT");
      JsonNode question = asked.path("replies").get(0);
      assertThat(question.path("text").asText()).startsWith("I want to get this right.").contains("1. ").contains("2. ");
      assertThat(question.path("citations").size()).isBetween(2, 3);
      String second = question.path("citations").get(1).path("url").asText();

      JsonNode picked = say(customer, id, auth, "2");
      JsonNode answer = picked.path("replies").get(0);
      assertThat(answer.path("citations")).hasSize(1);
      assertThat(answer.path("citations").get(0).path("url").asText()).isEqualTo(second);
      assertThat(picked.path("state").asText()).isEqualTo("BOT");
    }
  }

  @Test
  void knowledgeStatus_isShownToSupervisors_andSyncIsForAdminsOnly() {
    try (var server = TestServer.demo()) {
      var supervisor = new ApiClient(server);
      assertThat(supervisor.login(Demo.AGENTS.get(1).email(), Demo.AGENTS.get(1).password()).status()).isEqualTo(200);
      var status = supervisor.get("/api/agent/admin/knowledge");
      assertThat(status.status()).isEqualTo(200);
      JsonNode sources = status.json().path("sources");
      assertThat(sources).hasSize(2);
      assertThat(sources.get(0).path("kind").asText()).isEqualTo("folder");
      assertThat(sources.get(0).path("documents").asInt()).isEqualTo(16);
      assertThat(sources.get(0).path("lastFinished").asText()).isNotBlank();
      assertThat(sources.get(0).path("errors")).isEmpty();
      assertThat(sources.get(1).path("kind").asText()).isEqualTo("files");
      assertThat(status.json().path("boundsFittedOn").asInt()).isEqualTo(42);
      assertThat(status.json().path("answerAbove").asDouble()).isBetween(0.0, 1.0);
      assertThat(supervisor.agentPost("/api/agent/admin/knowledge/sync", "{}").status()).as("admins only").isEqualTo(403);

      var agent = new ApiClient(server);
      assertThat(agent.login(Demo.AGENTS.get(0).email(), Demo.AGENTS.get(0).password()).status()).isEqualTo(200);
      assertThat(agent.get("/api/agent/admin/knowledge").status()).isEqualTo(403);
      assertThat(new ApiClient(server).get("/api/agent/admin/knowledge").status()).isEqualTo(401);
    }
  }

  /** Starts a conversation; returns its id and the customer's Authorization header. */
  private static String[] start(ApiClient customer) {
    var started = customer.post("/api/conversations", "{\"name\":\"Ada\"}");
    assertThat(started.status()).isEqualTo(201);
    return new String[] {started.json().path("id").asText(), bearer(started.json().path("token").asText())};
  }

  private static JsonNode say(ApiClient customer, String id, String auth, String text) {
    var response = customer.post("/api/conversations/" + id + "/messages", "{\"text\":\"" + text + "\"}", "Authorization", auth);
    assertThat(response.status()).as(response.body()).isEqualTo(201);
    return response.json();
  }
}
