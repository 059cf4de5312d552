package baton.knowledge;

import static baton.ApiClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import baton.ApiClient;
import baton.Demo;
import baton.TestServer;
import baton.platform.TestDatabases;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The learning loop through the real HTTP API: a question the demo knowledge cannot answer is handed
 * off, an agent answers it and marks the answer reusable, a supervisor edits and approves the proposed
 * entry, and the next customer who asks in other words is answered by the bot, citing the learned
 * entry, also after a restart.
 */
class LearningLoopEndToEndTest {
  private static final String ASKED = "Hi, I'm Ada Lovelace. Can I book a guided hike with your staff? Mail me at ada@example.com";
  private static final String ASKED_AGAIN = "do you organise group walks with a guide?";
  private static final String ANSWER = "Yes: our Boulder and Denver stores run free guided hikes every Saturday at 9am. Book in the store"
      + " or by phone; Ada, I have put you down for this Saturday.";

  @Test
  void reusableAnswer_onH2_approvedBySupervisor_answersTheNextCustomerWhoAsksInOtherWords() throws Exception {
    Path dir = Files.createTempDirectory("baton-learning-");
    try {
      learnFromAHandoffAndRestart(() -> TestServer.demoIn(dir));
    } finally {
      TestDatabases.deleteQuietly(dir);
    }
  }

  @Test
  void reusableAnswer_onPostgres_approvedBySupervisor_answersTheNextCustomerWhoAsksInOtherWords() {
    String schema = "learn_" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try {
      learnFromAHandoffAndRestart(() -> TestServer.demoOn(TestDatabases.postgresSettings(schema)));
    } finally {
      TestDatabases.dropSchema(schema);
    }
  }

  /** {@code servers} starts a server on the same database each time it is called. */
  private static void learnFromAHandoffAndRestart(java.util.function.Supplier<TestServer> servers) {
    String learnedUrl;
    try (var server = servers.get()) {
      // The demo knowledge has nothing on guided hikes: the bot does not answer, the customer asks for a person.
      var customer = new ApiClient(server);
      var started = customer.post("/api/conversations", "{\"name\":\"Ada Lovelace\",\"email\":\"ada@example.com\"}");
      String id = started.json().path("id").asText();
      String auth = bearer(started.json().path("token").asText());
      var first = customer.post("/api/conversations/" + id + "/messages", json("text", ASKED), "Authorization", auth);
      assertThat(first.json().path("replies").get(0).path("citations").toString()).doesNotContain("/kb/learned/");
      if (first.json().path("state").asText().equals("BOT")) {
        customer.post("/api/conversations/" + id + "/messages", json("text", "let me talk to a person please"), "Authorization", auth);
      }

      var alice = new ApiClient(server);
      alice.login(Demo.AGENTS.get(0).email(), Demo.AGENTS.get(0).password());
      assertThat(alice.agentPost("/api/agent/conversations/" + id + "/claim", "").status()).isEqualTo(200);
      alice.agentPost("/api/agent/conversations/" + id + "/messages", json("text", "Let me check that for you."));
      var resolved = alice.agentPost("/api/agent/conversations/" + id + "/resolve",
          "{\"note\":" + quoted(ANSWER) + ",\"reusable\":true}");
      assertThat(resolved.status()).isEqualTo(200);

      // Agents may not review; the supervisor sees one proposal, without the customer's personal data.
      assertThat(alice.get("/api/agent/knowledge/suggestions").status()).isEqualTo(403);
      var bob = new ApiClient(server);
      bob.login(Demo.AGENTS.get(1).email(), Demo.AGENTS.get(1).password());
      JsonNode suggestions = bob.get("/api/agent/knowledge/suggestions").json().path("suggestions");
      assertThat(suggestions).hasSize(1);
      JsonNode suggestion = suggestions.get(0);
      assertThat(suggestion.path("state").asText()).isEqualTo("proposed");
      assertThat(suggestion.path("conversationId").asText()).isEqualTo(id);
      assertThat(suggestion.path("question").asText()).contains("book a guided hike").doesNotContain("Ada").doesNotContain("Lovelace")
          .doesNotContain("ada@example.com");
      assertThat(suggestion.toString()).doesNotContain("person please").doesNotContain("Ada").doesNotContain("ada@");
      assertThat(suggestion.path("answer").asText()).contains("every Saturday").contains("[name]");
      String suggestionId = suggestion.path("id").asText();

      // The review page is served to supervisors' browsers.
      assertThat(bob.get("/console/suggestions.html").status()).isEqualTo(200);

      // Without the CSRF header nothing changes.
      assertThat(bob.post("/api/agent/knowledge/suggestions/" + suggestionId + "/approve", "").status()).isEqualTo(403);

      // The supervisor tidies the entry (the personal part of the answer goes), then approves it.
      var edited = bob.agentPatch("/api/agent/knowledge/suggestions/" + suggestionId,
          "{\"question\":\"Do you run guided hikes?\",\"answer\":\"Yes: our Boulder and Denver stores run free guided hikes every"
              + " Saturday at 9am. Book in the store or by phone.\"}");
      assertThat(edited.status()).isEqualTo(200);
      assertThat(edited.json().path("suggestion").path("phrasings").toString()).contains("book a guided hike");
      var approved = bob.agentPost("/api/agent/knowledge/suggestions/" + suggestionId + "/approve", "");
      assertThat(approved.status()).isEqualTo(200);
      learnedUrl = approved.json().path("suggestion").path("url").asText();
      assertThat(learnedUrl).isEqualTo("/kb/learned/do-you-run-guided-hikes");
      assertThat(bob.agentPost("/api/agent/knowledge/suggestions/" + suggestionId + "/approve", "").status()).isEqualTo(409);
      assertThat(bob.get("/api/agent/knowledge/suggestions").json().path("suggestions")).isEmpty();
      assertThat(bob.get("/api/agent/knowledge/suggestions?state=approved").json().path("suggestions")).hasSize(1);

      // The citation's page exists, and the next customer, asking in other words, is answered from it.
      var page = customer.get(learnedUrl);
      assertThat(page.status()).isEqualTo(200);
      assertThat(page.body()).contains("Do you run guided hikes?").contains("every Saturday");
      assertAnsweredFrom(customer, learnedUrl);

      // The review is in the audit log, naming the supervisor.
      var audit = server.baton().database().jdbi().withHandle(handle -> handle.createQuery(
          "select action || ' by ' || actor from audit_log where subject = :subject order by seq")
          .bind("subject", "knowledge_suggestion:" + suggestionId).mapTo(String.class).list());
      String supervisor = bob.get("/api/agent/me").json().path("agent").path("id").asText();
      assertThat(audit).containsExactly("knowledge_suggestion_edited by agent:" + supervisor,
          "knowledge_suggestion_approved by agent:" + supervisor);
    }

    // Learned entries live in the database: after a restart the bot still answers from them.
    try (var server = servers.get()) {
      assertAnsweredFrom(new ApiClient(server), learnedUrl);
    }
  }

  private static void assertAnsweredFrom(ApiClient customer, String url) {
    var started = customer.post("/api/conversations", "{}");
    String id = started.json().path("id").asText();
    var reply = customer.post("/api/conversations/" + id + "/messages", json("text", ASKED_AGAIN),
        "Authorization", bearer(started.json().path("token").asText()));
    JsonNode answer = reply.json().path("replies").get(0);
    assertThat(reply.json().path("state").asText()).isEqualTo("BOT");
    assertThat(answer.path("author").asText()).isEqualTo("bot");
    assertThat(answer.path("citations")).hasSize(1);
    assertThat(answer.path("citations").get(0).path("url").asText()).isEqualTo(url);
    assertThat(answer.path("text").asText()).contains("every Saturday");
  }

  private static String json(String field, String value) {
    return "{\"" + field + "\":" + quoted(value) + "}";
  }

  private static String quoted(String value) {
    return baton.platform.Json.write(value);
  }
}
