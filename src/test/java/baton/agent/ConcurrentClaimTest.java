package baton.agent;

import static baton.ApiClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import baton.ApiClient;
import baton.Demo;
import baton.TestServer;
import baton.platform.TestDatabases;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Many agents pressing Claim at the same moment, through HTTP, on PostgreSQL: one wins, the rest get 409. */
class ConcurrentClaimTest {

  @Test
  void claim_bySixteenConcurrentRequests_onPostgres_hasExactlyOneWinnerPerConversation() throws Exception {
    String schema = "claim_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (var server = TestServer.demoOn(TestDatabases.postgresSettings(schema))) {
      List<String> conversations = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        var customer = new ApiClient(server);
        var started = customer.post("/api/conversations", "{}");
        String id = started.json().path("id").asText();
        customer.post("/api/conversations/" + id + "/messages", "{\"text\":\"agent please\"}",
            "Authorization", bearer(started.json().path("token").asText()));
        conversations.add(id);
      }
      List<ApiClient> agents = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        var agent = new ApiClient(server);
        Demo.DemoAgent demoAgent = Demo.AGENTS.get(i % Demo.AGENTS.size());
        assertThat(agent.login(demoAgent.email(), demoAgent.password()).status()).isEqualTo(200);
        agents.add(agent);
      }
      ExecutorService pool = Executors.newFixedThreadPool(agents.size());
      try {
        for (String id : conversations) {
          var start = new CountDownLatch(1);
          List<Future<Integer>> statuses = new ArrayList<>();
          for (ApiClient agent : agents) {
            statuses.add(pool.submit(() -> {
              start.await();
              return agent.agentPost("/api/agent/conversations/" + id + "/claim", "").status();
            }));
          }
          start.countDown();
          List<Integer> results = new ArrayList<>();
          for (Future<Integer> status : statuses) {
            results.add(status.get(30, TimeUnit.SECONDS));
          }
          assertThat(results).filteredOn(status -> status == 200).hasSize(1);
          assertThat(results).filteredOn(status -> status == 409).hasSize(agents.size() - 1);
          var messages = agents.getFirst().get("/api/agent/conversations/" + id).json().path("messages");
          int joins = 0;
          for (var message : messages) {
            joins += message.path("text").asText().contains("has joined") ? 1 : 0;
          }
          assertThat(joins).isEqualTo(1);
        }
      } finally {
        pool.shutdownNow();
      }
    } finally {
      TestDatabases.dropSchema(schema);
    }
  }
}
