package baton.widget;

import static baton.ApiClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import baton.ApiClient;
import baton.MutableClock;
import baton.TestServer;
import baton.agent.SessionLifetime;
import baton.platform.RateLimit;
import baton.platform.RateLimits;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The customer API under abuse, through the real server with tight limits: every limit answers 429
 * with Retry-After and a JSON error, what was stored before stays, and the client may go on after
 * the wait. Sizes: bodies (with or without a length), messages and socket frames.
 */
class PublicApiLimitsEndToEndTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
  private TestServer server;

  private TestServer start(RateLimits limits) {
    server = TestServer.demoWith(settings -> settings.withSecurity(limits, SessionLifetime.defaults()), clock);
    return server;
  }

  private static RateLimits limits(String perAddress, String starts, String perConversation, String frames) {
    var defaults = RateLimits.defaults();
    return new RateLimits(RateLimit.parse(perAddress), RateLimit.parse(starts), RateLimit.parse(perConversation), RateLimit.parse(frames),
        defaults.failedLogins(), defaults.loginsPerAddress(), 1000, false);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private record Started(String id, String token) {}

  private static Started startConversation(ApiClient client) {
    var started = client.post("/api/conversations", "{}");
    assertThat(started.status()).as(started.body()).isEqualTo(201);
    return new Started(started.json().path("id").asText(), started.json().path("token").asText());
  }

  private static ApiClient.Response post(ApiClient client, Started conversation, String text) {
    return client.post("/api/conversations/" + conversation.id() + "/messages", "{\"text\":\"" + text + "\"}",
        "Authorization", bearer(conversation.token()));
  }

  private static JsonNode transcript(ApiClient client, Started conversation) {
    return client.get("/api/conversations/" + conversation.id() + "/messages", "Authorization", bearer(conversation.token()))
        .json().path("messages");
  }

  private static void assertRateLimited(ApiClient.Response response, String retryAfter) {
    assertThat(response.status()).as(response.body()).isEqualTo(429);
    assertThat(response.errorCode()).isEqualTo("rate_limited");
    assertThat(response.json().path("error").path("message").asText()).containsIgnoringCase("try again in");
    assertThat(response.headers().get("retry-after")).containsExactly(retryAfter);
  }

  @Test
  void messagesPerConversation_overTheLimit_are429_storeNothing_andGoThroughAfterTheWait() {
    start(limits("1000/min", "100/h", "3/min", "120/min"));
    var client = new ApiClient(server);
    Started conversation = startConversation(client);
    for (int i = 1; i <= 3; i++) {
      assertThat(post(client, conversation, "question " + i).status()).isEqualTo(201);
    }
    int stored = transcript(client, conversation).size();

    var limited = post(client, conversation, "question 4");

    assertRateLimited(limited, "20");
    assertThat(limited.headers().get("access-control-allow-origin")).as("the widget on another site can read it").containsExactly("*");
    assertThat(transcript(client, conversation)).hasSize(stored);
    assertThat(post(client, startConversation(client), "another conversation").status()).as("limited per conversation").isEqualTo(201);

    assertThat(client.get("/metrics").body()).containsPattern("baton_rate_limited_total\\{uri=\"/api/conversations/\\{id\\}/messages\"[^}]*\\} 1\\.0");

    clock.advance(Duration.ofSeconds(20));
    assertThat(post(client, conversation, "question 4").status()).isEqualTo(201);
    assertThat(transcript(client, conversation).findValuesAsText("text")).contains("question 1", "question 2", "question 3", "question 4");
  }

  @Test
  void conversationStartsPerAddress_overTheLimit_are429() {
    start(limits("1000/min", "2/h", "20/min", "120/min"));
    var client = new ApiClient(server);
    Started first = startConversation(client);
    startConversation(client);

    assertRateLimited(client.post("/api/conversations", "{}"), "1800");
    assertThat(post(client, first, "existing conversations still work").status()).isEqualTo(201);
  }

  @Test
  void requestsPerAddress_overTheLimit_are429_forReadsAndSocketUpgradesToo() {
    start(limits("4/min", "100/h", "20/min", "120/min"));
    var client = new ApiClient(server);
    Started conversation = startConversation(client);
    post(client, conversation, "hello");
    transcript(client, conversation);
    client.get("/api/conversations/" + conversation.id(), "Authorization", bearer(conversation.token()));

    assertRateLimited(client.get("/api/conversations/" + conversation.id(), "Authorization", bearer(conversation.token())), "15");
    var upgrade = HttpClient.newHttpClient().newWebSocketBuilder()
        .buildAsync(server.wsUri("/api/conversations/" + conversation.id() + "/live?token=" + conversation.token()),
            new WebSocket.Listener() {});
    try {
      upgrade.join();
      throw new AssertionError("the socket upgrade should have been refused");
    } catch (CompletionException e) {
      assertThat(e.getCause()).isInstanceOf(WebSocketHandshakeException.class);
      assertThat(((WebSocketHandshakeException) e.getCause()).getResponse().statusCode()).isEqualTo(429);
    }
    assertThat(client.get("/health").status()).as("operations endpoints are not customer API").isEqualTo(200);
  }

  @Test
  void liveSocket_framesOverTheLimitAreRefused_andAnOversizeFrameClosesIt() {
    start(limits("1000/min", "100/h", "20/min", "3/min"));
    var client = new ApiClient(server);
    Started conversation = startConversation(client);
    try (var live = client.openLive("/api/conversations/" + conversation.id() + "/live?token=" + conversation.token())) {
      for (int i = 0; i < 4; i++) {
        live.send("{\"type\":\"ping\"}");
      }
      live.await(frame -> frame.path("error").path("code").asText().equals("rate_limited"), Duration.ofSeconds(10));
      assertThat(live.seen().stream().filter(frame -> frame.path("type").asText().equals("pong"))).hasSize(3);
    }
    try (var live = client.openLive("/api/conversations/" + conversation.id() + "/live?token=" + conversation.token())) {
      live.send("{\"type\":\"typing\",\"pad\":\"" + "x".repeat(8 * 1024) + "\"}");
      assertThat(live.awaitClose(Duration.ofSeconds(10))).as("1009: message too big").isEqualTo(1009);
    }
  }

  @Test
  void bodyWithoutContentLengthOverTheLimit_is413_andStoresNothing() throws Exception {
    start(RateLimits.defaults());
    var client = new ApiClient(server);
    Started conversation = startConversation(client);
    int stored = transcript(client, conversation).size();
    byte[] body = ("{\"text\":\"" + "y".repeat(200 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
    var chunked = HttpRequest.newBuilder(server.uri("/api/conversations/" + conversation.id() + "/messages"))
        .header("Content-Type", "application/json")
        .header("Authorization", bearer(conversation.token()))
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
        .build();

    HttpResponse<String> response = HttpClient.newHttpClient().send(chunked, HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
    assertThat(response.body()).contains("\"code\":\"body_too_large\"");
    assertThat(transcript(client, conversation)).hasSize(stored);
  }

  @Test
  void customerProfileFieldsOverTheirLimits_are400() {
    start(RateLimits.defaults());
    var client = new ApiClient(server);
    assertThat(client.post("/api/conversations", "{\"name\":\"" + "n".repeat(201) + "\"}").errorCode()).isEqualTo("invalid_request");
    assertThat(client.post("/api/conversations", "{\"email\":\"" + "e".repeat(321) + "\"}").errorCode()).isEqualTo("invalid_request");
    assertThat(client.post("/api/conversations", "{\"phone\":\"" + "1".repeat(65) + "\"}").errorCode()).isEqualTo("invalid_request");
  }
}
