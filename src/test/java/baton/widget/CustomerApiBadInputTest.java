package baton.widget;

import static baton.ApiClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import baton.ApiClient;
import baton.TestServer;
import baton.platform.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every bad request gets a clear JSON error, and nothing already stored is lost or changed. */
class CustomerApiBadInputTest {
  private static TestServer server;
  private ApiClient client;
  private String id;
  private String token;

  @BeforeAll
  static void startServer() {
    server = TestServer.demo();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @BeforeEach
  void startConversationWithOneMessage() {
    client = new ApiClient(server);
    var started = client.post("/api/conversations", "{}");
    id = started.json().path("id").asText();
    token = started.json().path("token").asText();
    assertThat(post("{\"text\":\"first message\"}").status()).isEqualTo(201);
  }

  private ApiClient.Response post(String body) {
    return client.post("/api/conversations/" + id + "/messages", body, "Authorization", bearer(token));
  }

  private JsonNode transcript() {
    return client.get("/api/conversations/" + id + "/messages?after=0", "Authorization", bearer(token)).json().path("messages");
  }

  private void assertTranscriptUnchanged() {
    JsonNode messages = transcript();
    assertThat(messages).hasSize(3); // greeting, "first message", the bot's reply to it
    assertThat(messages.get(1).path("text").asText()).isEqualTo("first message");
  }

  @Test
  void malformedJson_is400WithPosition_andStoresNothing() {
    var response = post("{\"text\": \"unterminated");
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.errorCode()).isEqualTo("malformed_json");
    assertThat(response.json().path("error").path("message").asText()).contains("line 1");
    assertTranscriptUnchanged();
  }

  @Test
  void jsonThatIsNotAnObject_is400() {
    assertThat(post("[\"text\"]").errorCode()).isEqualTo("malformed_json");
    assertThat(post("\"just a string\"").errorCode()).isEqualTo("malformed_json");
    assertTranscriptUnchanged();
  }

  @Test
  void missingOrWrongTypedText_is400() {
    assertThat(post("{}").errorCode()).isEqualTo("invalid_request");
    assertThat(post("{\"text\": 42}").errorCode()).isEqualTo("invalid_request");
    assertThat(post("{\"text\": \"   \"}").errorCode()).isEqualTo("invalid_request");
    assertThat(post("{\"text\": \"ok\", \"clientId\": 7}").errorCode()).isEqualTo("invalid_request");
    assertTranscriptUnchanged();
  }

  @Test
  void wrongContentType_is415() {
    var response = client.postAs("/api/conversations/" + id + "/messages", "text/plain", "{\"text\":\"hi\"}",
        "Authorization", bearer(token));
    assertThat(response.status()).isEqualTo(415);
    assertThat(response.errorCode()).isEqualTo("unsupported_media_type");
    assertTranscriptUnchanged();
  }

  @Test
  void messageOverTheLimit_is413_andOneAtTheLimitIsAccepted() {
    var tooLong = post(Json.write(Map.of("text", "x".repeat(4001))));
    assertThat(tooLong.status()).isEqualTo(413);
    assertThat(tooLong.errorCode()).isEqualTo("message_too_long");
    assertThat(tooLong.json().path("error").path("message").asText()).contains("4000");
    assertTranscriptUnchanged();

    assertThat(post(Json.write(Map.of("text", "y".repeat(4000)))).status()).isEqualTo(201);
  }

  @Test
  void bodyOverSixtyFourKilobytes_is413() {
    var response = post(Json.write(Map.of("text", "z".repeat(70_000))));
    assertThat(response.status()).isEqualTo(413);
    assertThat(response.errorCode()).isEqualTo("body_too_large");
    assertTranscriptUnchanged();
  }

  @Test
  void unknownOrMalformedConversationId_is404() {
    String randomId = UUID.randomUUID().toString();
    var unknown = client.post("/api/conversations/" + randomId + "/messages", "{\"text\":\"hi\"}", "Authorization", bearer(token));
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.errorCode()).isEqualTo("not_found");
    assertThat(client.get("/api/conversations/not-a-uuid/messages", "Authorization", bearer(token)).status()).isEqualTo(404);
    assertThat(client.get("/api/no-such-route").errorCode()).isEqualTo("not_found");
  }

  @Test
  void forgedMissingOrOtherConversationsToken_is401_andStoresNothing() {
    var forged = client.post("/api/conversations/" + id + "/messages", "{\"text\":\"hi\"}", "Authorization", bearer(token + "x"));
    assertThat(forged.status()).isEqualTo(401);
    assertThat(forged.errorCode()).isEqualTo("unauthorized");
    assertThat(client.post("/api/conversations/" + id + "/messages", "{\"text\":\"hi\"}").status()).isEqualTo(401);
    String otherToken = client.post("/api/conversations", "{}").json().path("token").asText();
    assertThat(client.get("/api/conversations/" + id + "/messages", "Authorization", bearer(otherToken)).status()).isEqualTo(401);
    assertTranscriptUnchanged();
  }

  @Test
  void nonNumericAfter_is400() {
    var response = client.get("/api/conversations/" + id + "/messages?after=abc", "Authorization", bearer(token));
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.errorCode()).isEqualTo("invalid_request");
  }

  @Test
  void retryWithTheSameClientId_storesTheMessageOnce() {
    var first = post("{\"text\":\"where is my parcel\",\"clientId\":\"retry-7\"}");
    var retry = post("{\"text\":\"where is my parcel\",\"clientId\":\"retry-7\"}");

    assertThat(first.status()).isEqualTo(201);
    assertThat(retry.status()).isEqualTo(200);
    assertThat(retry.json().path("message").path("seq").asLong()).isEqualTo(first.json().path("message").path("seq").asLong());
    assertThat(transcript()).filteredOn(message -> message.path("text").asText().equals("where is my parcel")).hasSize(1);
  }

  @Test
  void hostileHtml_isStoredAndReturnedAsPlainText() {
    String hostile = "<img src=x onerror=alert(1)><script>alert('x')</script>";
    post(Json.write(Map.of("text", hostile)));
    assertThat(transcript()).filteredOn(message -> message.path("text").asText().equals(hostile)).hasSize(1);
  }

  @Test
  void startWithBadFields_is400() {
    assertThat(client.post("/api/conversations", "{\"channel\":\"NOT VALID!\"}").errorCode()).isEqualTo("invalid_request");
    assertThat(client.post("/api/conversations", "{\"name\":" + "\"" + "n".repeat(300) + "\"}").errorCode()).isEqualTo("invalid_request");
    assertThat(client.post("/api/conversations", "{oops").errorCode()).isEqualTo("malformed_json");
  }

  @Test
  void liveSocket_withWrongTokenOrUnknownConversation_isClosedWithAReason() {
    try (var wrongToken = client.openLive("/api/conversations/" + id + "/live?token=nope")) {
      assertThat(wrongToken.awaitClose(Duration.ofSeconds(5))).isEqualTo(4401);
    }
    try (var unknown = client.openLive("/api/conversations/" + UUID.randomUUID() + "/live?token=" + token)) {
      assertThat(unknown.awaitClose(Duration.ofSeconds(5))).isEqualTo(4404);
    }
  }

  @Test
  void liveSocket_resumesFromTheLastSeenSequenceNumber_andAnswersPings() {
    try (var live = client.openLive("/api/conversations/" + id + "/live?token=" + token + "&after=2")) {
      live.await(frame -> frame.path("type").asText().equals("state") && frame.path("state").asText().equals("QUEUED"),
          Duration.ofSeconds(5));
      JsonNode first = live.awaitMessage(message -> true);
      assertThat(first.path("seq").asLong()).isEqualTo(3);
      live.send("{\"type\":\"ping\"}");
      live.await(frame -> frame.path("type").asText().equals("pong"), Duration.ofSeconds(5));
      live.send("not json");
      live.await(frame -> frame.path("type").asText().equals("error"), Duration.ofSeconds(5));
      assertThat(live.seen()).filteredOn(frame -> frame.path("type").asText().equals("message")).hasSize(1);
    }
  }
}
