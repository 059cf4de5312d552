package baton;

import static baton.ApiClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import baton.platform.DatabaseSettings;
import baton.platform.TestDatabases;
import baton.platform.TestRedis;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two Baton nodes in one JVM, each with its own web server and event bus, sharing the PostgreSQL
 * and Redis servers on loopback: any node serves any customer or agent, and losing a node or the
 * Redis subscription loses nothing a client cannot read back from the store.
 */
class ClusterEndToEndTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private String schema;
  private TestServer nodeA;
  private TestServer nodeB;

  @BeforeEach
  void startTwoNodes() {
    URI redis = TestRedis.require();
    schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    DatabaseSettings database = TestDatabases.postgresSettings(schema);
    nodeA = TestServer.clusterNode(database, redis);
    nodeB = TestServer.clusterNode(database, redis);
  }

  @AfterEach
  void stopNodes() {
    if (nodeA != null) {
      nodeA.close();
    }
    if (nodeB != null) {
      nodeB.close();
    }
    if (schema != null) {
      TestDatabases.dropSchema(schema);
    }
  }

  @Test
  void customerOnOneNode_agentOnTheOther_handOffAndChat_andNodeLossLosesNothing() {
    var customer = new ApiClient(nodeA);
    var started = customer.post("/api/conversations", "{\"name\":\"Ada\"}");
    String id = started.json().path("id").asText();
    String token = started.json().path("token").asText();
    var agent = new ApiClient(nodeB);
    Demo.DemoAgent alice = Demo.AGENTS.getFirst();
    assertThat(agent.login(alice.email(), alice.password()).status()).isEqualTo(200);

    long lastSeq;
    try (var customerLive = customer.openLive("/api/conversations/" + id + "/live?token=" + token + "&after=0");
        var agentLive = agent.openLive("/api/agent/live")) {
      agentLive.await(frame -> frame.path("type").asText().equals("hello"), WAIT);
      customerLive.awaitMessage(message -> message.path("seq").asLong() == 1);

      // The handoff commits on node A; the agent's console on node B hears of it through Redis.
      var handedOff = customer.post("/api/conversations/" + id + "/messages", "{\"text\":\"Can I talk to a human please?\"}",
          "Authorization", bearer(token));
      assertThat(handedOff.json().path("state").asText()).isEqualTo("QUEUED");
      agentLive.await(frame -> frame.path("conversationId").asText().equals(id) && frame.path("type").asText().equals("state"), WAIT);

      // Claimed on node B (unless auto-assignment on either node got there first): the customer on A is told.
      if (agent.get("/api/agent/conversations/" + id).json().path("conversation").path("state").asText().equals("QUEUED")) {
        assertThat(agent.agentPost("/api/agent/conversations/" + id + "/claim", "").status()).isEqualTo(200);
      }
      customerLive.awaitMessage(message -> message.path("text").asText().startsWith("Alice from the Support team has joined"));

      assertThat(agent.agentPost("/api/agent/conversations/" + id + "/messages", "{\"text\":\"Hi Ada, Alice here.\"}").status())
          .isEqualTo(201);
      customerLive.awaitMessage(message -> message.path("text").asText().equals("Hi Ada, Alice here."));
      customer.post("/api/conversations/" + id + "/messages", "{\"text\":\"Thanks Alice\"}", "Authorization", bearer(token));
      agentLive.await(frame -> frame.path("type").asText().equals("message")
          && frame.path("message").path("text").asText().equals("Thanks Alice"), WAIT);
      lastSeq = customerLive.seen().stream().filter(frame -> frame.path("type").asText().equals("message"))
          .mapToLong(frame -> frame.path("message").path("seq").asLong()).max().orElseThrow();
    }

    // Node A dies mid-conversation; the agent goes on writing on node B.
    nodeA.close();
    nodeA = null;
    agent.agentPost("/api/agent/conversations/" + id + "/messages", "{\"text\":\"Your refund is on its way.\"}");
    agent.agentPost("/api/agent/conversations/" + id + "/messages", "{\"text\":\"Anything else?\"}");

    // The customer's widget reconnects to the surviving node from its last sequence number.
    var resumed = new ApiClient(nodeB);
    try (var customerLive = resumed.openLive("/api/conversations/" + id + "/live?token=" + token + "&after=" + lastSeq)) {
      customerLive.awaitMessage(message -> message.path("text").asText().equals("Anything else?"));
      List<Long> seqs = customerLive.seen().stream().filter(frame -> frame.path("type").asText().equals("message"))
          .map(frame -> frame.path("message").path("seq").asLong()).toList();
      assertThat(seqs).as("exactly what was missed, in order, nothing twice").containsExactly(lastSeq + 1, lastSeq + 2);

      resumed.post("/api/conversations/" + id + "/messages", "{\"text\":\"No, that's all\"}", "Authorization", bearer(token));
      customerLive.awaitMessage(message -> message.path("text").asText().equals("No, that's all"));
    }
    JsonNode transcript = resumed.get("/api/conversations/" + id + "/messages?after=0", "Authorization", bearer(token)).json();
    List<Long> all = transcript.path("messages").findValues("seq").stream().map(JsonNode::asLong).toList();
    assertThat(all).as("gap-free numbering across both nodes").isEqualTo(java.util.stream.LongStream.rangeClosed(1, all.size()).boxed().toList());
  }

  @Test
  void redisSubscriptionLost_socketsAreToldToResume_andCatchUpFromTheStore() {
    var customer = new ApiClient(nodeA);
    var started = customer.post("/api/conversations", "{\"name\":\"Grace\"}");
    String id = started.json().path("id").asText();
    String token = started.json().path("token").asText();
    var agent = new ApiClient(nodeA);
    Demo.DemoAgent alice = Demo.AGENTS.getFirst();
    agent.login(alice.email(), alice.password());

    try (var customerLive = customer.openLive("/api/conversations/" + id + "/live?token=" + token + "&after=0");
        var agentLive = agent.openLive("/api/agent/live")) {
      customerLive.awaitMessage(message -> message.path("seq").asLong() == 1);
      agentLive.await(frame -> frame.path("type").asText().equals("hello"), WAIT);

      TestRedis.killSubscribers();

      // Events from other nodes may have been lost in the gap: both sockets are closed with 1012
      // ("service restart"), which the widget and the console answer by reconnecting.
      assertThat(customerLive.awaitClose(WAIT)).isEqualTo(1012);
      assertThat(agentLive.awaitClose(WAIT)).isEqualTo(1012);
    }

    // Meanwhile the customer wrote through node B; reconnecting to A reads it from the store.
    new ApiClient(nodeB).post("/api/conversations/" + id + "/messages", "{\"text\":\"How long does standard shipping take?\"}",
        "Authorization", bearer(token));
    try (var customerLive = customer.openLive("/api/conversations/" + id + "/live?token=" + token + "&after=1")) {
      JsonNode question = customerLive.awaitMessage(message -> message.path("text").asText().contains("standard shipping"));
      assertThat(question.path("seq").asLong()).isEqualTo(2);
      customerLive.awaitMessage(message -> message.path("seq").asLong() == 3 && message.path("author").asText().equals("bot"));
    }
  }
}
