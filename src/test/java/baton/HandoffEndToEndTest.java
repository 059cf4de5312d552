package baton;

import static baton.ApiClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import baton.platform.Json;
import baton.platform.TestDatabases;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The whole walking skeleton through the real HTTP and WebSocket API: a customer chats, the bot
 * answers with a citation, the customer asks for a person, an agent claims, replies live, resolves.
 */
class HandoffEndToEndTest {

  @Test
  void handOff_onH2_fromBotAnswerToAgentReplyToResolve() {
    try (var server = TestServer.demo()) {
      walkThroughAFullHandoff(server);
    }
  }

  @Test
  void handOff_onPostgres_fromBotAnswerToAgentReplyToResolve() {
    String schema = "e2e_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (var server = TestServer.demoOn(TestDatabases.postgresSettings(schema))) {
      walkThroughAFullHandoff(server);
    } finally {
      TestDatabases.dropSchema(schema);
    }
  }

  private static void walkThroughAFullHandoff(TestServer server) {
    var customer = new ApiClient(server);
    var started = customer.post("/api/conversations", "{\"name\":\"Ada\",\"email\":\"ada@example.com\"}");
    assertThat(started.status()).isEqualTo(201);
    String id = started.json().path("id").asText();
    String token = started.json().path("token").asText();
    String auth = bearer(token);
    assertThat(started.json().path("state").asText()).isEqualTo("BOT");
    assertThat(started.json().path("greeting").path("seq").asLong()).isEqualTo(1);
    assertThat(started.json().path("greeting").path("author").asText()).isEqualTo("bot");

    try (var customerLive = customer.openLive("/api/conversations/" + id + "/live?token=" + token + "&after=0")) {
      customerLive.awaitMessage(message -> message.path("seq").asLong() == 1);

      // The bot answers a routine question from the knowledge base, citing the article.
      var answered = customer.post("/api/conversations/" + id + "/messages",
          "{\"text\":\"How long does standard shipping take?\",\"clientId\":\"c-1\"}", "Authorization", auth);
      assertThat(answered.status()).isEqualTo(201);
      assertThat(answered.json().path("message").path("seq").asLong()).isEqualTo(2);
      JsonNode reply = answered.json().path("replies").get(0);
      assertThat(reply.path("author").asText()).isEqualTo("bot");
      assertThat(reply.path("citations")).isNotEmpty();
      String citationUrl = reply.path("citations").get(0).path("url").asText();
      assertThat(citationUrl).startsWith("/kb/");
      assertThat(reply.path("citations").get(0).path("title").asText()).containsIgnoringCase("shipping");
      assertThat(answered.json().path("state").asText()).isEqualTo("BOT");
      customerLive.awaitMessage(message -> message.path("seq").asLong() == 3 && message.path("author").asText().equals("bot"));
      var article = customer.get(citationUrl.replaceAll("#.*", ""));
      assertThat(article.status()).isEqualTo(200);
      assertThat(article.body()).contains("<h1");

      // An explicit ask for a person hands off at once, with honest copy about who and when.
      var handedOff = customer.post("/api/conversations/" + id + "/messages", "{\"text\":\"Can I talk to a human please?\"}",
          "Authorization", auth);
      assertThat(handedOff.status()).isEqualTo(201);
      assertThat(handedOff.json().path("state").asText()).isEqualTo("QUEUED");
      JsonNode notice = handedOff.json().path("replies").get(0);
      assertThat(notice.path("author").asText()).isEqualTo("system");
      assertThat(notice.path("text").asText()).contains("Support team").contains("about 2 minutes");
      customerLive.await(frame -> frame.path("type").asText().equals("state") && frame.path("state").asText().equals("QUEUED")
          && frame.path("team").path("name").asText().equals("Support"), Duration.ofSeconds(10));

      // While humans own the conversation the bot stays silent.
      var whileQueued = customer.post("/api/conversations/" + id + "/messages", "{\"text\":\"What are your shipping costs?\"}",
          "Authorization", auth);
      assertThat(whileQueued.json().path("replies")).isEmpty();
      assertThat(whileQueued.json().path("state").asText()).isEqualTo("QUEUED");

      // An agent logs in, sees the conversation waiting with the reason, and claims it.
      var agent = new ApiClient(server);
      Demo.DemoAgent alice = Demo.AGENTS.getFirst();
      assertThat(agent.login(alice.email(), alice.password()).status()).isEqualTo(200);
      try (var agentLive = agent.openLive("/api/agent/live")) {
        agentLive.await(frame -> frame.path("type").asText().equals("hello"), Duration.ofSeconds(10));
        var queue = agent.get("/api/agent/queue");
        assertThat(queue.status()).isEqualTo(200);
        JsonNode entry = find(queue.json().path("queued"), id);
        assertThat(entry.path("handoffReason").asText()).isEqualTo("human_request");
        assertThat(entry.path("customerName").asText()).isEqualTo("Ada");
        assertThat(entry.path("waitingSeconds").asLong()).isGreaterThanOrEqualTo(0);

        var detail = agent.get("/api/agent/conversations/" + id);
        assertThat(detail.json().path("handoff").path("reason").asText()).isEqualTo("human_request");
        assertThat(detail.json().path("conversation").path("customer").path("email").asText()).isEqualTo("ada@example.com");
        assertThat(detail.json().path("messages")).hasSize(6);

        // Agents of the team see new messages of a waiting conversation live, before anyone claims it.
        customer.post("/api/conversations/" + id + "/messages", "{\"text\":\"Are you there?\"}", "Authorization", auth);
        agentLive.await(frame -> frame.path("type").asText().equals("message")
            && frame.path("conversationId").asText().equals(id)
            && frame.path("message").path("text").asText().equals("Are you there?"), Duration.ofSeconds(10));

        var claimed = agent.agentPost("/api/agent/conversations/" + id + "/claim", "");
        assertThat(claimed.status()).isEqualTo(200);
        assertThat(claimed.json().path("conversation").path("state").asText()).isEqualTo("WITH_AGENT");
        customerLive.awaitMessage(message -> message.path("author").asText().equals("system")
            && message.path("text").asText().startsWith("Alice from the Support team has joined"));
        customerLive.await(frame -> frame.path("type").asText().equals("state")
            && frame.path("state").asText().equals("WITH_AGENT")
            && frame.path("agent").path("name").asText().equals("Alice"), Duration.ofSeconds(10));
        assertThat(find(agent.get("/api/agent/queue").json().path("mine"), id).path("state").asText()).isEqualTo("WITH_AGENT");

        // The agent's reply reaches the customer's socket at once, and the customer's reply the agent's.
        var agentReply = agent.agentPost("/api/agent/conversations/" + id + "/messages", "{\"text\":\"Hi Ada, I'm on it.\"}");
        assertThat(agentReply.status()).isEqualTo(201);
        JsonNode delivered = customerLive.awaitMessage(message -> message.path("author").asText().equals("agent"));
        assertThat(delivered.path("text").asText()).isEqualTo("Hi Ada, I'm on it.");
        assertThat(delivered.path("authorName").asText()).isEqualTo("Alice");

        customer.post("/api/conversations/" + id + "/messages", "{\"text\":\"Thank you!\"}", "Authorization", auth);
        agentLive.await(frame -> frame.path("type").asText().equals("message")
            && frame.path("conversationId").asText().equals(id)
            && frame.path("message").path("text").asText().equals("Thank you!"), Duration.ofSeconds(10));

        var resolved = agent.agentPost("/api/agent/conversations/" + id + "/resolve", "");
        assertThat(resolved.status()).isEqualTo(200);
        customerLive.await(frame -> frame.path("type").asText().equals("state") && frame.path("state").asText().equals("RESOLVED"),
            Duration.ofSeconds(10));
      }

      // The transcript holds everything, numbered without gaps, and the socket saw every message once per seq.
      var transcript = customer.get("/api/conversations/" + id + "/messages?after=0", "Authorization", auth);
      List<Long> seqs = new ArrayList<>();
      transcript.json().path("messages").forEach(message -> seqs.add(message.path("seq").asLong()));
      assertThat(seqs).containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, seqs.size()).boxed().toList());
      assertThat(seqs).hasSize(11);
      assertThat(transcript.json().path("conversation").path("state").asText()).isEqualTo("RESOLVED");
      var later = customer.get("/api/conversations/" + id + "/messages?after=8", "Authorization", auth);
      assertThat(later.json().path("messages")).hasSize(3);
    }
  }

  @Test
  void handOff_whenNothingInTheKnowledgeBaseFits_saysSoAndQueuesWithTheReason() {
    try (var server = TestServer.demo()) {
      var customer = new ApiClient(server);
      var started = customer.post("/api/conversations", "");
      String id = started.json().path("id").asText();
      String auth = bearer(started.json().path("token").asText());

      var response = customer.post("/api/conversations/" + id + "/messages",
          Json.write(Map.of("text", "Can you explain quantum chromodynamics to me?")), "Authorization", auth);

      assertThat(response.json().path("state").asText()).isEqualTo("QUEUED");
      JsonNode notice = response.json().path("replies").get(0);
      assertThat(notice.path("author").asText()).isEqualTo("system");
      assertThat(notice.path("text").asText()).contains("not confident").contains("Support team");
      var agent = new ApiClient(server);
      agent.login(Demo.AGENTS.getFirst().email(), Demo.AGENTS.getFirst().password());
      JsonNode handoff = agent.get("/api/agent/conversations/" + id).json().path("handoff");
      assertThat(handoff.path("reason").asText()).isEqualTo("low_confidence");
      assertThat(handoff.path("detail").asText()).isNotBlank();
    }
  }

  @Test
  void resolvedConversation_whenTheCustomerWritesAgain_isAnsweredByTheBotAgain() {
    try (var server = TestServer.demo()) {
      var customer = new ApiClient(server);
      var started = customer.post("/api/conversations", "");
      String id = started.json().path("id").asText();
      String auth = bearer(started.json().path("token").asText());
      customer.post("/api/conversations/" + id + "/messages", "{\"text\":\"agent\"}", "Authorization", auth);
      var agent = new ApiClient(server);
      agent.login(Demo.AGENTS.getFirst().email(), Demo.AGENTS.getFirst().password());
      agent.agentPost("/api/agent/conversations/" + id + "/claim", "");
      agent.agentPost("/api/agent/conversations/" + id + "/resolve", "");

      var again = customer.post("/api/conversations/" + id + "/messages", "{\"text\":\"How do I return an item?\"}",
          "Authorization", auth);

      assertThat(again.json().path("state").asText()).isEqualTo("BOT");
      assertThat(again.json().path("replies").get(0).path("author").asText()).isEqualTo("bot");
    }
  }

  @Test
  void botAnswer_fromTheDemoFaq_matchesAnAlternativePhrasingAndCitesTheFaqPage() {
    try (var server = TestServer.demo()) {
      var customer = new ApiClient(server);
      var started = customer.post("/api/conversations", "");
      String id = started.json().path("id").asText();

      var response = customer.post("/api/conversations/" + id + "/messages",
          "{\"text\":\"I found it cheaper somewhere else, can you match that?\"}",
          "Authorization", bearer(started.json().path("token").asText()));

      JsonNode reply = response.json().path("replies").get(0);
      assertThat(reply.path("author").asText()).isEqualTo("bot");
      assertThat(reply.path("text").asText()).contains("We match the price");
      assertThat(reply.path("citations").get(0).path("url").asText()).isEqualTo("/kb/faq#do-you-price-match");
      assertThat(customer.get("/kb/faq").body()).contains("Do you price match?");
    }
  }

  static JsonNode find(JsonNode entries, String id) {
    for (JsonNode entry : entries) {
      if (entry.path("id").asText().equals(id)) {
        return entry;
      }
    }
    throw new AssertionError("conversation " + id + " not in " + entries);
  }
}
