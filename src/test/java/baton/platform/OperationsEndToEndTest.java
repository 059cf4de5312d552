package baton.platform;

import static org.assertj.core.api.Assertions.assertThat;

import baton.ApiClient;
import baton.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OperationsEndToEndTest {

  @Test
  void healthMetricsAndOpenApi_areServed() {
    try (var server = TestServer.demo()) {
      var client = new ApiClient(server);
      var health = client.get("/health");
      assertThat(health.status()).isEqualTo(200);
      assertThat(health.json().path("database").asText()).isEqualTo("UP");

      client.post("/api/conversations", "{}");
      var metrics = client.get("/metrics");
      assertThat(metrics.headers().get("content-type").getFirst()).startsWith("text/plain");
      assertThat(metrics.body()).contains("http_server_requests_seconds_count{method=\"POST\",status=\"201\",uri=\"/api/conversations\"}")
          .contains("baton_messages_total{author=\"bot\"}").contains("baton_websockets_open").contains("jvm_memory_used_bytes")
          // The pool's wait for a connection tells a slow database from a pool that is too small.
          .contains("hikaricp_connections_pending{pool=\"baton-db\"}").contains("hikaricp_connections_acquire_seconds");

      JsonNode openApi = client.get("/api/openapi.json").json();
      assertThat(openApi.path("openapi").asText()).startsWith("3.1");
      List<String> paths = new ArrayList<>();
      openApi.path("paths").fieldNames().forEachRemaining(paths::add);
      assertThat(paths).contains("/health", "/metrics", "/api/conversations", "/api/conversations/{id}/messages",
          "/api/agent/login", "/api/agent/queue", "/api/agent/conversations/{id}/claim", "/api/agent/conversations/{id}/resolve");
    }
  }

  @Test
  void openApi_describesEveryApiEndpointTheServerHas() {
    try (var server = TestServer.demo()) {
      JsonNode paths = new ApiClient(server).get("/api/openapi.json").json().path("paths");
      // Javalin's one handler for the analytics files is two documented paths.
      var documentedOtherwise = java.util.Map.of("GET /api/agent/analytics/{file}", List.of("/api/agent/analytics/{table}.csv",
          "/api/agent/analytics/conversations"));
      List<String> missing = new ArrayList<>();
      for (String endpoint : server.baton().endpoints()) {
        String method = endpoint.substring(0, endpoint.indexOf(' '));
        String path = endpoint.substring(endpoint.indexOf(' ') + 1);
        if (!path.startsWith("/api/") && !path.equals("/health") && !path.equals("/metrics")) {
          continue; // pages and redirects
        }
        for (String documented : documentedOtherwise.getOrDefault(endpoint, List.of(path))) {
          if (!paths.path(documented).has(method.toLowerCase(java.util.Locale.ROOT))) {
            missing.add(method + " " + documented);
          }
        }
      }
      assertThat(server.baton().endpoints()).contains("GET /api/agent/queue", "POST /api/conversations");
      assertThat(missing).as("endpoints missing from openapi.json").isEmpty();
    }
  }

  @Test
  void listenBacklog_holdsABurstOfNewCustomers() {
    try (var server = TestServer.demo()) {
      // The JDK's default of 50 overflowed when a thousand widgets opened within seconds.
      assertThat(server.baton().acceptQueueSizes()).containsExactly(2048);
      assertThat(new ApiClient(server).get("/health").status()).isEqualTo(200);
    }
  }

  @Test
  void securityHeaders_onPagesButOpenCorsOnlyForTheCustomerApi() {
    try (var server = TestServer.demo()) {
      var client = new ApiClient(server);
      var page = client.get("/console/");
      assertThat(page.headers().get("content-security-policy").getFirst()).contains("default-src 'self'");
      assertThat(page.headers().get("x-content-type-options")).containsExactly("nosniff");
      assertThat(client.post("/api/conversations", "{}").headers().get("access-control-allow-origin")).containsExactly("*");
      assertThat(client.get("/api/agent/me").headers()).doesNotContainKey("access-control-allow-origin");
    }
  }
}
