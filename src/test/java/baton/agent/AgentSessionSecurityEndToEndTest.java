package baton.agent;

import static org.assertj.core.api.Assertions.assertThat;

import baton.ApiClient;
import baton.Demo;
import baton.MutableClock;
import baton.TestServer;
import baton.platform.RateLimit;
import baton.platform.RateLimits;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Agent logins and sessions through the real server on a moved clock: password guessing is slowed per
 * address and email, sessions end when idle and at their absolute lifetime, and bcrypt is used with a
 * sane cost.
 */
class AgentSessionSecurityEndToEndTest {
  private static final Demo.DemoAgent ALICE = Demo.AGENTS.getFirst();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
  private TestServer server;

  private TestServer start(SessionLifetime sessions, String failedLogins) {
    var defaults = RateLimits.defaults();
    var limits = new RateLimits(defaults.perAddress(), defaults.startsPerAddress(), defaults.perConversation(), defaults.framesPerSocket(),
        RateLimit.parse(failedLogins), defaults.loginsPerAddress(), 1000, false);
    server = TestServer.demoWith(settings -> settings.withSecurity(limits, sessions), clock);
    return server;
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void login_afterTooManyWrongPasswords_is429EvenWithTheRightOne_untilTheWaitIsOver() {
    start(SessionLifetime.defaults(), "3/h");
    var attacker = new ApiClient(server);
    for (int i = 0; i < 3; i++) {
      assertThat(attacker.login(ALICE.email(), "guess-" + i).status()).isEqualTo(401);
    }

    var blocked = attacker.login(ALICE.email(), ALICE.password());

    assertThat(blocked.status()).isEqualTo(429);
    assertThat(blocked.errorCode()).isEqualTo("rate_limited");
    assertThat(blocked.headers().get("retry-after")).containsExactly("1200");
    assertThat(attacker.login(Demo.AGENTS.get(1).email(), Demo.AGENTS.get(1).password()).status())
        .as("other accounts are not locked").isEqualTo(200);
    clock.advance(Duration.ofMinutes(20));
    assertThat(attacker.login(ALICE.email(), ALICE.password()).status()).isEqualTo(200);
  }

  @Test
  void login_withAPasswordOverBcryptsLimit_isAWrongPassword_notAnError() {
    start(SessionLifetime.defaults(), "20/h");
    var response = new ApiClient(server).login(ALICE.email(), "p".repeat(150));
    assertThat(response.status()).as(response.body()).isEqualTo(401);
    assertThat(new ApiClient(server).login("nobody@example.com", "ü".repeat(100)).status()).isEqualTo(401);
  }

  @Test
  void session_idleLongerThanTheTimeout_is401_andTheSocketIsRefused() {
    start(new SessionLifetime(Duration.ofMinutes(30), Duration.ofHours(12)), "20/h");
    var agent = new ApiClient(server);
    assertThat(agent.login(ALICE.email(), ALICE.password()).status()).isEqualTo(200);
    clock.advance(Duration.ofMinutes(25));
    assertThat(agent.get("/api/agent/queue").status()).isEqualTo(200);

    clock.advance(Duration.ofMinutes(31));

    var expired = agent.get("/api/agent/queue");
    assertThat(expired.status()).isEqualTo(401);
    assertThat(expired.errorCode()).isEqualTo("unauthorized");
    assertThat(expired.json().path("error").path("message").asText()).contains("log in again");
    assertThat(agent.agentPost("/api/agent/presence", "{\"status\":\"online\"}").status()).isEqualTo(401);
    try (var live = agent.openLive("/api/agent/live")) {
      assertThat(live.awaitClose(Duration.ofSeconds(10))).isEqualTo(4401);
    }
    assertThat(agent.login(ALICE.email(), ALICE.password()).status()).isEqualTo(200);
    assertThat(agent.get("/api/agent/queue").status()).isEqualTo(200);
  }

  @Test
  void session_inUse_endsAtItsAbsoluteLifetime() {
    start(new SessionLifetime(Duration.ofMinutes(30), Duration.ofHours(2)), "20/h");
    var agent = new ApiClient(server);
    var login = agent.login(ALICE.email(), ALICE.password());
    assertThat(login.headers().get("set-cookie")).anySatisfy(cookie -> assertThat(cookie).contains("Max-Age=7200").contains("HttpOnly"));
    for (int minutes = 20; minutes < 120; minutes += 20) {
      clock.advance(Duration.ofMinutes(20));
      assertThat(agent.get("/api/agent/me").status()).as("after %d minutes", minutes).isEqualTo(200);
    }

    clock.advance(Duration.ofMinutes(21));

    assertThat(agent.get("/api/agent/me").status()).isEqualTo(401);
  }

  @Test
  void liveSocket_ofALoggedOutSession_isClosedAtTheNextEvent_insteadOfReceivingIt() {
    start(SessionLifetime.defaults(), "20/h");
    var agent = new ApiClient(server);
    agent.login(ALICE.email(), ALICE.password());
    try (var live = agent.openLive("/api/agent/live")) {
      live.await(frame -> frame.path("type").asText().equals("hello"), Duration.ofSeconds(10));
      assertThat(agent.agentPost("/api/agent/logout", "").status()).isEqualTo(204);
      clock.advance(Duration.ofMinutes(2));

      var customer = new ApiClient(server);
      var started = customer.post("/api/conversations", "{}");
      customer.post("/api/conversations/" + started.json().path("id").asText() + "/messages", "{\"text\":\"agent please\"}",
          "Authorization", ApiClient.bearer(started.json().path("token").asText()));

      assertThat(live.awaitClose(Duration.ofSeconds(10))).isEqualTo(4401);
      assertThat(live.seen()).noneMatch(frame -> frame.path("type").asText().equals("queue"));
    }
  }

  @Test
  void console_whenTheSessionExpires_goesBackToTheLoginForm() {
    var browser = baton.Browsers.open();
    try {
      start(new SessionLifetime(Duration.ofMinutes(30), Duration.ofHours(12)), "20/h");
      var wait = new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(40));
      browser.get(server.baseUrl() + "/console/");
      wait.until(org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated(
          org.openqa.selenium.By.cssSelector("[data-test='email']")));
      browser.findElement(org.openqa.selenium.By.cssSelector("[data-test='email']")).sendKeys(ALICE.email());
      browser.findElement(org.openqa.selenium.By.cssSelector("[data-test='password']")).sendKeys(ALICE.password());
      browser.findElement(org.openqa.selenium.By.cssSelector("[data-test='login']")).click();
      wait.until(org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated(
          org.openqa.selenium.By.cssSelector("[data-test='agent-name']"), "Alice"));

      clock.advance(Duration.ofMinutes(31));

      // The console's next poll (every 15 s) meets the 401.
      wait.until(org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated(
          org.openqa.selenium.By.cssSelector("[data-test='email']")));
      assertThat(browser.findElement(org.openqa.selenium.By.id("login-info")).getText()).contains("session has ended");
      baton.Browsers.screenshot(browser, "console-session-expired");
    } finally {
      browser.quit();
    }
  }

  @Test
  void passwords_areBcryptWithCostElevenAndARandomSalt() {
    var passwords = new Passwords();
    String first = passwords.hash("correct horse battery");
    String second = passwords.hash("correct horse battery");

    assertThat(first).startsWith("$2a$11$").hasSize(60).isNotEqualTo(second);
    assertThat(passwords.matches("correct horse battery", first)).isTrue();
    assertThat(passwords.matches("correct horse battery!", first)).isFalse();
  }
}
