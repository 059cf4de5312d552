package baton.knowledge;

import static baton.ApiClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import baton.ApiClient;
import baton.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Editing the help articles on disk changes what the bot answers, through the chat API, within 5 s. */
class KnowledgeSyncEndToEndTest {

  @Test
  void aNewArticle_isAnsweredWithinFiveSeconds_andABrokenSpecEditChangesNothing() throws Exception {
    try (var server = TestServer.demo()) {
      var customer = new ApiClient(server);
      Path folder = server.dataDir().resolve("demo");
      String question = "Do you run llama trekking tours?";

      Files.writeString(folder.resolve("bot.yaml"), Files.readString(folder.resolve("bot.yaml")) + "\nnot_a_key: 1\n");
      Files.writeString(folder.resolve("knowledge/llama-treks.md"), """
          # Llama trekking tours
          ## Booking a llama trek
          Llama trekking tours leave our Boulder store every Saturday at 8 am and cost $60 per person.
          """);
      Thread.sleep(1500);
      assertThat(answerTo(customer, question).path("author").asText())
          .as("a broken spec edit keeps the old brain, so the new article is not live yet").isEqualTo("system");
      assertThat(server.baton().brain().lastProblems()).anyMatch(problem -> problem.contains("unknown key 'not_a_key'"));

      String spec = Files.readString(folder.resolve("bot.yaml"));
      Files.writeString(folder.resolve("bot.yaml"), spec.replace("\nnot_a_key: 1\n", "\n"));
      long deadline = System.nanoTime() + 5_000_000_000L;
      JsonNode reply = answerTo(customer, question);
      while (!reply.path("author").asText().equals("bot") && System.nanoTime() < deadline) {
        Thread.sleep(200);
        reply = answerTo(customer, question);
      }
      assertThat(reply.path("author").asText()).isEqualTo("bot");
      assertThat(reply.path("text").asText()).contains("$60 per person");
      assertThat(reply.path("citations").get(0).path("url").asText()).isEqualTo("/kb/llama-treks#booking-a-llama-trek");
      assertThat(customer.get("/kb/llama-treks").body()).contains("every Saturday at 8 am");

      Files.delete(folder.resolve("knowledge/llama-treks.md"));
      deadline = System.nanoTime() + 5_000_000_000L;
      while (customer.get("/kb/llama-treks").status() != 404 && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      assertThat(customer.get("/kb/llama-treks").status()).as("a deleted article leaves the index").isEqualTo(404);
    }
  }

  /** Asks in a fresh conversation, so an earlier handoff does not silence the bot. */
  private static JsonNode answerTo(ApiClient customer, String question) {
    var started = customer.post("/api/conversations", "{}");
    String id = started.json().path("id").asText();
    return customer.post("/api/conversations/" + id + "/messages", "{\"text\":\"" + question + "\"}",
        "Authorization", bearer(started.json().path("token").asText())).json().path("replies").get(0);
  }
}
