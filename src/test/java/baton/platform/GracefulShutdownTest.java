package baton.platform;

import static org.assertj.core.api.Assertions.assertThat;

import baton.ApiClient;
import baton.TestServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GracefulShutdownTest {
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void stopping_letsRunningRequestsFinish_andTurnsNewOnesAwayWith503() throws Exception {
    var slowStarted = new CountDownLatch(1);
    var releaseSlow = new CountDownLatch(1);
    HttpRoutes slow = routes -> {
      routes.get("/api/slow", ctx -> {
        slowStarted.countDown();
        releaseSlow.await(10, TimeUnit.SECONDS);
        ctx.result("finished");
      });
      routes.get("/api/quick", ctx -> ctx.result("quick"));
    };
    WebServer server = WebServer.start("127.0.0.1", 0, new SimpleMeterRegistry(), List.of(slow));
    String base = "http://127.0.0.1:" + server.port();
    CompletableFuture<HttpResponse<String>> running = http.sendAsync(get(base + "/api/slow"), HttpResponse.BodyHandlers.ofString());
    assertThat(slowStarted.await(5, TimeUnit.SECONDS)).isTrue();

    var stopping = CompletableFuture.runAsync(server::close);
    Thread.sleep(100);
    HttpResponse<String> refused = http.send(get(base + "/api/quick"), HttpResponse.BodyHandlers.ofString());
    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.headers().firstValue("Retry-After")).contains("1");
    assertThat(refused.body()).contains("shutting_down");
    assertThat(stopping).as("still waiting for the slow request").isNotDone();

    releaseSlow.countDown();

    HttpResponse<String> finished = running.get(5, TimeUnit.SECONDS);
    assertThat(finished.statusCode()).isEqualTo(200);
    assertThat(finished.body()).isEqualTo("finished");
    stopping.get(5, TimeUnit.SECONDS);
  }

  @Test
  void stoppingNode_closesLiveSocketsWithAReconnectHint() {
    var server = TestServer.demo();
    try {
      var customer = new ApiClient(server);
      var started = customer.post("/api/conversations", "{\"name\":\"Lin\"}");
      String id = started.json().path("id").asText();
      String token = started.json().path("token").asText();
      try (var live = customer.openLive("/api/conversations/" + id + "/live?token=" + token + "&after=0")) {
        live.awaitMessage(message -> message.path("seq").asLong() == 1);

        server.close();
        server = null;

        assertThat(live.awaitClose(Duration.ofSeconds(10))).as("1012: service restart, reconnect").isEqualTo(1012);
      }
    } finally {
      if (server != null) {
        server.close();
      }
    }
  }

  private static HttpRequest get(String url) {
    return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET().build();
  }
}
