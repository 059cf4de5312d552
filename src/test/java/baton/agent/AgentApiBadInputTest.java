package baton.agent;

import static baton.ApiClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import baton.ApiClient;
import baton.Demo;
import baton.TestServer;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Agent routes refuse what they must: no login, no CSRF token, someone else's conversation, a second claim. */
class AgentApiBadInputTest {
  private static TestServer server;
  private ApiClient alice;
  private ApiClient bob;
  private String queuedId;

  @BeforeAll
  static void startServer() {
    server = TestServer.demo();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @BeforeEach
  void queueAConversationAndLogIn() {
    var customer = new ApiClient(server);
    var started = customer.post("/api/conversations", "{}");
    queuedId = started.json().path("id").asText();
    customer.post("/api/conversations/" + queuedId + "/messages", "{\"text\":\"real person please\"}",
        "Authorization", bearer(started.json().path("token").asText()));
    alice = new ApiClient(server);
    bob = new ApiClient(server);
    assertThat(alice.login(Demo.AGENTS.get(0).email(), Demo.AGENTS.get(0).password()).status()).isEqualTo(200);
    assertThat(bob.login(Demo.AGENTS.get(1).email(), Demo.AGENTS.get(1).password()).status()).isEqualTo(200);
  }

  @Test
  void agentRoutes_withoutLogin_are401() {
    var anonymous = new ApiClient(server);
    assertThat(anonymous.get("/api/agent/queue").status()).isEqualTo(401);
    assertThat(anonymous.get("/api/agent/me").errorCode()).isEqualTo("unauthorized");
    assertThat(anonymous.get("/api/agent/conversations/" + queuedId).status()).isEqualTo(401);
    var claim = anonymous.post("/api/agent/conversations/" + queuedId + "/claim", "");
    assertThat(claim.status()).isEqualTo(401);
    assertThat(state()).isEqualTo("QUEUED");
  }

  @Test
  void login_withWrongPasswordOrUnknownEmail_is401() {
    var client = new ApiClient(server);
    assertThat(client.login(Demo.AGENTS.get(0).email(), "wrong-password").status()).isEqualTo(401);
    assertThat(client.login("nobody@example.com", "whatever-123").status()).isEqualTo(401);
    assertThat(client.post("/api/agent/login", "{\"email\":\"x\"}").errorCode()).isEqualTo("invalid_request");
    assertThat(client.get("/api/agent/queue").status()).isEqualTo(401);
  }

  @Test
  void login_setsAnHttpOnlyStrictCookie() {
    var response = new ApiClient(server).login(Demo.AGENTS.get(0).email(), Demo.AGENTS.get(0).password());
    String cookie = response.headers().get("set-cookie").getFirst();
    assertThat(cookie).startsWith(AgentRoutes.SESSION_COOKIE + "=").containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict");
    assertThat(response.body()).doesNotContain("password");
  }

  @Test
  void stateChangingCall_withoutOrWithWrongCsrfToken_is403_andChangesNothing() {
    var noToken = alice.post("/api/agent/conversations/" + queuedId + "/claim", "");
    assertThat(noToken.status()).isEqualTo(403);
    assertThat(noToken.errorCode()).isEqualTo("csrf");
    var wrongToken = alice.post("/api/agent/conversations/" + queuedId + "/claim", "", "X-CSRF-Token", "forged");
    assertThat(wrongToken.status()).isEqualTo(403);
    assertThat(state()).isEqualTo("QUEUED");
  }

  @Test
  void secondClaim_is409_andOnlyOneJoinNoticeIsPosted() {
    assertThat(alice.agentPost("/api/agent/conversations/" + queuedId + "/claim", "").status()).isEqualTo(200);

    var second = bob.agentPost("/api/agent/conversations/" + queuedId + "/claim", "");

    assertThat(second.status()).isEqualTo(409);
    assertThat(second.errorCode()).isEqualTo("already_claimed");
    var messages = alice.get("/api/agent/conversations/" + queuedId).json().path("messages");
    int joins = 0;
    for (var message : messages) {
      if (message.path("text").asText().contains("has joined")) {
        joins++;
      }
    }
    assertThat(joins).isEqualTo(1);
    assertThat(alice.get("/api/agent/conversations/" + queuedId).json().path("conversation").path("agent").path("name").asText())
        .isEqualTo("Alice");
  }

  @Test
  void replyOrResolve_bySomeoneWhoDoesNotOwnIt_is409() {
    alice.agentPost("/api/agent/conversations/" + queuedId + "/claim", "");

    assertThat(bob.agentPost("/api/agent/conversations/" + queuedId + "/messages", "{\"text\":\"hi\"}").errorCode())
        .isEqualTo("invalid_state");
    assertThat(bob.agentPost("/api/agent/conversations/" + queuedId + "/resolve", "").errorCode()).isEqualTo("invalid_state");
    assertThat(alice.agentPost("/api/agent/conversations/" + queuedId + "/resolve", "").status()).isEqualTo(200);
    assertThat(alice.agentPost("/api/agent/conversations/" + queuedId + "/resolve", "").errorCode()).isEqualTo("invalid_state");
  }

  @Test
  void replyWithMalformedJsonOrOversizeText_isRejected() {
    alice.agentPost("/api/agent/conversations/" + queuedId + "/claim", "");
    assertThat(alice.agentPost("/api/agent/conversations/" + queuedId + "/messages", "{nope").errorCode()).isEqualTo("malformed_json");
    assertThat(alice.agentPost("/api/agent/conversations/" + queuedId + "/messages", "{\"text\":\"" + "a".repeat(4001) + "\"}")
        .errorCode()).isEqualTo("message_too_long");
  }

  @Test
  void unknownConversation_is404() {
    assertThat(alice.agentPost("/api/agent/conversations/" + UUID.randomUUID() + "/claim", "").status()).isEqualTo(404);
    assertThat(alice.get("/api/agent/conversations/garbage").status()).isEqualTo(404);
  }

  @Test
  void liveSocket_withoutSession_isClosed() {
    try (var live = new ApiClient(server).openLive("/api/agent/live")) {
      assertThat(live.awaitClose(Duration.ofSeconds(5))).isEqualTo(4401);
    }
  }

  @Test
  void logout_endsTheSession() {
    assertThat(alice.agentPost("/api/agent/logout", "").status()).isEqualTo(204);
    assertThat(alice.get("/api/agent/queue").status()).isEqualTo(401);
  }

  private String state() {
    return bob.get("/api/agent/conversations/" + queuedId).json().path("conversation").path("state").asText();
  }
}
