package baton.analytics;

import static baton.ApiClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import baton.ApiClient;
import baton.Demo;
import baton.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Through the real server: customers chat and rate, a supervisor reads the measures, drills down and
 * exports CSV, and Prometheus shows the same numbers.
 */
class AnalyticsEndToEndTest {

  @Test
  void supervisor_seesMeasuresOfRealChats_drillsDown_exportsCsv_andMetricsAgree() {
    try (var server = TestServer.demo()) {
      var customer = new ApiClient(server);
      // One conversation the bot answers and the customer rates good; one handed to people, rated bad.
      var answered = customer.post("/api/conversations", "{}").json();
      String answeredAuth = bearer(answered.path("token").asText());
      String answeredId = answered.path("id").asText();
      customer.post("/api/conversations/" + answeredId + "/messages", "{\"text\":\"How long does standard shipping take?\"}",
          "Authorization", answeredAuth);
      var rated = customer.post("/api/conversations/" + answeredId + "/rating", "{\"rating\":\"good\"}", "Authorization", answeredAuth);
      assertThat(rated.json().path("rating").asText()).isEqualTo("good");
      assertThat(rated.headers().get("access-control-allow-origin")).as("the widget rates from the shop's origin").containsExactly("*");
      var handedOff = customer.post("/api/conversations", "{}").json();
      String handedOffAuth = bearer(handedOff.path("token").asText());
      String handedOffId = handedOff.path("id").asText();
      assertThat(customer.post("/api/conversations/" + handedOffId + "/messages", "{\"text\":\"Can I talk to a human please?\"}",
          "Authorization", handedOffAuth).json().path("state").asText()).isEqualTo("QUEUED");
      customer.post("/api/conversations/" + handedOffId + "/rating", "{\"rating\":\"bad\"}", "Authorization", handedOffAuth);

      var bob = new ApiClient(server);
      bob.login(Demo.AGENTS.get(1).email(), Demo.AGENTS.get(1).password());
      var response = bob.get("/api/agent/analytics");
      assertThat(response.status()).isEqualTo(200);
      JsonNode summary = response.json().path("summary");
      // 2 conversations; 1 handed off: 1 / 2. The answered one is still active (< 30 min): 1 decided, 0 automated.
      assertThat(summary.path("conversations").asInt()).isEqualTo(2);
      assertThat(summary.path("handedOff").asInt()).isEqualTo(1);
      assertThat(summary.path("handoffRate").asDouble()).isEqualTo(0.5);
      assertThat(summary.path("decided").asInt()).isEqualTo(1);
      assertThat(summary.path("automationRate").asDouble()).isEqualTo(0.0);
      // 1 good of 2 ratings; the good one bot-only.
      assertThat(summary.path("csat").asDouble()).isEqualTo(0.5);
      assertThat(row(response.json(), "satisfaction", "bot").path("good").asInt()).isEqualTo(1);
      assertThat(row(response.json(), "handoffsByTrigger", "human_request").path("handoffs").asInt()).isEqualTo(1);
      assertThat(row(response.json(), "signals", "human_request").path("turns").asInt()).isEqualTo(1);

      var drill = bob.get("/api/agent/analytics/conversations?measure=handoffsByTrigger&key=human_request").json();
      assertThat(drill.path("conversations")).hasSize(1);
      assertThat(drill.path("conversations").get(0).path("id").asText()).isEqualTo(handedOffId);
      assertThat(drill.path("conversations").get(0).path("rating").asText()).isEqualTo("bad");

      var csv = bob.get("/api/agent/analytics/handoffsByTrigger.csv");
      assertThat(csv.status()).isEqualTo(200);
      assertThat(csv.headers().get("content-type").getFirst()).startsWith("text/csv");
      assertThat(csv.body()).isEqualTo("key,handoffs,share\r\nhuman_request,1,1.0\r\n");
      assertThat(bob.get("/api/agent/analytics?format=csv&table=handoffsByTrigger").body()).isEqualTo(csv.body());
      assertThat(bob.get("/api/agent/analytics/nothing.csv").status()).isEqualTo(404);
      assertThat(bob.get("/api/agent/analytics?from=2026-13-01").status()).isEqualTo(400);
      // Filtering by a channel nobody used leaves nothing.
      assertThat(bob.get("/api/agent/analytics?channel=email").json().path("summary").path("conversations").asInt()).isZero();

      var alice = new ApiClient(server);
      alice.login(Demo.AGENTS.get(0).email(), Demo.AGENTS.get(0).password());
      assertThat(alice.get("/api/agent/analytics").status()).as("agents may not").isEqualTo(403);
      assertThat(new ApiClient(server).get("/api/agent/analytics").status()).isEqualTo(401);

      assertThat(customer.post("/api/conversations/" + handedOffId + "/rating", "{\"rating\":\"good\"}", "Authorization", answeredAuth)
          .status()).as("another conversation's token").isEqualTo(401);
      assertThat(customer.post("/api/conversations/" + handedOffId + "/rating", "{\"rating\":5}", "Authorization", handedOffAuth)
          .status()).isEqualTo(400);

      // The gauges' report is built off the scrape: the first scrape starts it, a later one shows it.
      String metrics = customer.get("/metrics").body();
      for (long deadline = System.nanoTime() + 10_000_000_000L; !metrics.contains("baton_analytics_csat 0.5")
          && System.nanoTime() < deadline; metrics = customer.get("/metrics").body()) {
        sleep(20);
      }
      metrics = customer.get("/metrics").body(); // a scrape wholly after the report was built
      assertThat(metrics).contains("baton_analytics_conversations 2.0").contains("baton_analytics_handoff_rate 0.5")
          .contains("baton_analytics_csat 0.5").contains("baton_analytics_handoffs{trigger=\"human_request\"} 1.0");
      // The example Grafana dashboard asks only for gauges the server has.
      java.util.regex.Matcher used = java.util.regex.Pattern.compile("baton_analytics_[a-z0-9_]+")
          .matcher(readString(java.nio.file.Path.of("docs/grafana/baton-analytics.json")));
      while (used.find()) {
        assertThat(metrics).as("Grafana panel metric").contains("\n" + used.group());
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String readString(java.nio.file.Path path) {
    try {
      return java.nio.file.Files.readString(path);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static JsonNode row(JsonNode report, String table, String key) {
    List<String> seen = new ArrayList<>();
    for (JsonNode candidate : report.path("tables")) {
      if (candidate.path("name").asText().equals(table)) {
        for (JsonNode row : candidate.path("rows")) {
          if (row.path("key").asText().equals(key)) {
            return row.path("values");
          }
          seen.add(row.path("key").asText());
        }
      }
    }
    throw new AssertionError("no row " + key + " in " + table + "; rows: " + seen);
  }
}
