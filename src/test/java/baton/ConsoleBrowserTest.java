package baton;

import static baton.ApiClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The agent console as two agents use it, in two real headless Chromium sessions against a real server:
 * auto-assignment up to capacity with an alert, the queue by tier, keyboard work, the packet beside the
 * transcript on a laptop screen, transfer, resolve with a note, a supervisor's reassignment and an admin
 * adding an agent. Customers talk through the API: the widget has its own browser test.
 */
class ConsoleBrowserTest {
  private static final Demo.DemoAgent ALICE = Demo.AGENTS.get(0);
  private static final Demo.DemoAgent BOB = Demo.AGENTS.get(1);
  private static final Demo.DemoAgent CAROL = Demo.AGENTS.get(2);

  private static ChromeDriver first;
  private static ChromeDriver second;
  private TestServer server;

  @BeforeAll
  static void openBrowsers() {
    first = Browsers.open();
    second = Browsers.open();
  }

  @AfterAll
  static void closeBrowsers() {
    for (ChromeDriver driver : new ChromeDriver[] {first, second}) {
      if (driver != null) {
        driver.quit();
      }
    }
  }

  @BeforeEach
  void startServer() {
    server = TestServer.demo();
  }

  @AfterEach
  void stopServer() {
    for (ChromeDriver driver : List.of(first, second)) {
      driver.get("about:blank"); // closes the console's socket before the server goes
    }
    server.close();
  }

  @Test
  void autoAssignment_fillsEachAgentToCapacity_alertsThem_andTheThirdCustomerWaitsInTheQueue() throws InterruptedException {
    ApiClient bob = agentApi(BOB);
    assertThat(bob.agentPatch("/api/agent/admin/teams/support", "{\"assignment\":\"auto\"}").status()).isEqualTo(200);
    for (Demo.DemoAgent agent : List.of(ALICE, BOB)) {
      assertThat(bob.agentPatch("/api/agent/admin/agents/" + agentId(bob, agent.email()), "{\"capacity\":1}").status()).isEqualTo(200);
    }
    logIn(first, ALICE);
    logIn(second, BOB);
    for (ChromeDriver driver : List.of(first, second)) {
      waitFor(driver).until(ExpectedConditions.attributeToBe(By.id("conn"), "data-status", "live")); // online: auto-assignable
    }
    assertThat(first.findElement(By.cssSelector("[data-test='analytics-link']")).isDisplayed()).as("an agent's console").isFalse();
    assertThat(first.findElement(By.cssSelector("[data-test='suggestions-link']")).isDisplayed()).isFalse();

    String ada = aCustomerAsksForAPerson("Ada", "agent please");
    String bea = aCustomerAsksForAPerson("Bea", "agent please");
    for (ChromeDriver driver : List.of(first, second)) {
      waitFor(driver).until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-alert-count", "1"));
      waitFor(driver).until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("[data-test='mine-item']"), 1));
      assertThat(driver.getTitle()).startsWith("(").endsWith(") Baton console");
    }
    assertThat(List.of(heldBy(bob, ada), heldBy(bob, bea))).containsExactlyInAnyOrder("Alice", "Bob");

    String cy = aCustomerAsksForAPerson("Cy", "this is useless, I want a human now");
    WebElement waiting = waitFor(first).until(ExpectedConditions.visibilityOfElementLocated(queueItem(cy)));
    assertThat(waiting.findElement(By.cssSelector("[data-test='queue-frustration']")).getText()).contains("frustrated");
    assertThat(first.findElement(By.cssSelector("[data-test='tier-group'][data-tier='urgent']")).getText()).contains("Priority").contains("P1");
    String waitedBefore = waiting.findElement(By.cssSelector("[data-test='queue-wait']")).getText();
    Thread.sleep(2_500); // longer than a sweep of the auto-assigner: both agents are full, so Cy still waits
    assertThat(waiting.findElement(By.cssSelector("[data-test='queue-wait']")).getText()).as("the wait ticks").isNotEqualTo(waitedBefore);
    assertThat(bob.get("/api/agent/conversations/" + cy).json().path("conversation").path("state").asText()).isEqualTo("QUEUED");
    waitFor(second).until(ExpectedConditions.visibilityOfElementLocated(queueItem(cy)));

    // Opening the assigned conversation is looking at the alert.
    first.findElement(By.cssSelector("[data-test='mine-item']")).click();
    waitFor(first).until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-alert-count", "0"));
    Browsers.screenshot(first, "console-auto-assigned");
  }

  @Test
  void keyboardClaim_showsTranscriptPacketAndDecisionsSideBySide_andATransferKeepsThePacketForTheNextTeam() {
    String id = aCustomerAsks("Ada", "How long does standard shipping take?", "talk to a human");
    first.manage().window().setSize(new Dimension(1366, 768));
    try {
      logIn(first, ALICE);
      waitFor(first).until(ExpectedConditions.visibilityOfElementLocated(queueItem(id)));
      press(first, "j");
      waitFor(first).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test='packet']")));
      press(first, "c");
      WebElement reply = waitFor(first).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test='reply-input']")));
      waitFor(first).until(ExpectedConditions.attributeToBe(By.cssSelector("[data-test='state']"), "textContent", "WITH_AGENT"));

      @SuppressWarnings("unchecked")
      var boxes = (Map<String, Object>) first.executeScript("""
          const box = (selector) => document.querySelector(selector).getBoundingClientRect();
          const transcript = box('[data-test=transcript]');
          const packet = box('[data-test=packet]');
          const decisions = box('[data-test=decisions] > summary');
          const why = box('[data-test=packet-why] .packet-facts');
          const request = box('[data-test=packet-request]');
          return {w: innerWidth, h: innerHeight, tl: transcript.left, tr: transcript.right, tt: transcript.top,
                  tb: transcript.bottom, pl: packet.left, pr: packet.right, pt: packet.top, rb: request.bottom,
                  db: decisions.bottom, wb: why.bottom, scrolled: document.scrollingElement.scrollTop,
                  whyOpen: document.querySelector('[data-test=packet-why]').open ? 1 : 0,
                  composerRows: new Set([...document.querySelectorAll('.composer-bar > button, .composer-bar > select')]
                      .filter((node) => node.getClientRects().length).map((node) => { const r = node.getBoundingClientRect(); return Math.round((r.top + r.bottom) / 2); })).size};
          """);
      double height = number(boxes, "h");
      assertThat(number(boxes, "tr")).as("transcript left of the packet").isLessThanOrEqualTo(number(boxes, "pl"));
      assertThat(number(boxes, "pr")).isLessThanOrEqualTo(number(boxes, "w"));
      assertThat(number(boxes, "tb") - number(boxes, "tt")).as("the transcript keeps room").isGreaterThan(200);
      assertThat(number(boxes, "rb")).as("the customer's request in view").isLessThanOrEqualTo(height);
      assertThat(number(boxes, "whyOpen")).as("why it was escalated is open").isEqualTo(1);
      assertThat(number(boxes, "wb")).as("why it was escalated, in view").isBetween(0.0, height);
      assertThat(number(boxes, "composerRows")).as("the composer's buttons on one line").isEqualTo(1);
      assertThat(number(boxes, "db")).as("the decision log in view").isLessThanOrEqualTo(height);
      assertThat(number(boxes, "pt")).isGreaterThanOrEqualTo(0);
      assertThat(number(boxes, "scrolled")).isZero();
      Browsers.screenshot(first, "console-1366x768");

      // r focuses the reply box; from then on letters are text, not commands.
      press(first, "r");
      waitFor(first).until(driver -> reply.equals(driver.switchTo().activeElement()));
      reply.sendKeys("Double charge, just checking: can billing take it?");
      assertThat(first.findElements(By.cssSelector("[data-test='mine-item'][aria-current='true']"))).hasSize(1);
      assertThat(first.findElement(By.cssSelector("[data-test='resolve-dialog']")).isDisplayed()).as("e typed, not pressed").isFalse();
      assertThat(reply.getAttribute("value")).isEqualTo("Double charge, just checking: can billing take it?");
      new Select(first.findElement(By.cssSelector("[data-test='transfer-team']"))).selectByValue("billing");
      first.findElement(By.cssSelector("[data-test='transfer']")).click();
      waitFor(first).until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice-text"), "Passed to the Billing team"));
    } finally {
      first.manage().window().setSize(new Dimension(1366, 900));
    }

    logIn(second, BOB);
    waitFor(second).until(ExpectedConditions.elementToBeClickable(queueItem(id))).click();
    WebElement request = waitFor(second).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test='packet-request']")));
    assertThat(request.getText()).contains("How long does standard shipping take?");
    assertThat(second.findElement(By.cssSelector("[data-test='handoff-detail']")).getText())
        .isEqualTo("Transferred by Alice: Double charge, just checking: can billing take it?");
  }

  @Test
  void resolveDialog_storesTheNoteAndTheReusableMark_andHandBackReturnsTheOtherCustomerToTheBot() {
    String giftCards = aCustomerAsksForAPerson("Ada", "agent please");
    String sizes = aCustomerAsksForAPerson("Bea", "I want to talk to a person please");
    logIn(first, ALICE);
    press(first, "?");
    waitFor(first).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test='shortcuts']")));
    new Actions(first).sendKeys(Keys.ESCAPE).perform();
    waitFor(first).until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("[data-test='shortcuts']")));
    waitFor(first).until(ExpectedConditions.elementToBeClickable(queueItem(giftCards))).click();
    waitFor(first).until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-test='claim']")));
    press(first, "c");
    WebElement reply = waitFor(first).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test='reply-input']")));
    press(first, "r");
    reply.sendKeys("Our gift cards never expire.", Keys.ENTER);
    waitFor(first).until(driver -> driver.findElements(By.cssSelector("[data-test='message'][data-author='agent']")).size() == 1);
    reply.sendKeys(Keys.ESCAPE);
    press(first, "e");
    WebElement note = waitFor(first).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test='resolve-note']")));
    note.sendKeys("Gift card expiry <question>");
    first.findElement(By.cssSelector("[data-test='resolve-reusable']")).click();
    first.findElement(By.cssSelector("[data-test='resolve-confirm']")).click();
    waitFor(first).until(ExpectedConditions.attributeToBe(By.cssSelector("[data-test='state']"), "textContent", "RESOLVED"));

    JsonNode handoff = agentApi(BOB).get("/api/agent/conversations/" + giftCards).json().path("handoff");
    assertThat(handoff.path("resolutionNote").asText()).isEqualTo("Gift card expiry <question>");
    assertThat(handoff.path("reusable").asBoolean()).isTrue();

    waitFor(first).until(ExpectedConditions.elementToBeClickable(queueItem(sizes))).click();
    waitFor(first).until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-test='claim']"))).click();
    waitFor(first).until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-test='hand-back']"))).click();
    waitFor(first).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test='handback-note']"))).sendKeys("Only sizing");
    first.findElement(By.cssSelector("[data-test='handback-confirm']")).click();
    waitFor(first).until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice-text"), "Handed back to the bot"));
    assertThat(first.findElements(By.cssSelector("[data-test='mine-item']"))).isEmpty();
    assertThat(agentApi(BOB).get("/api/agent/conversations/" + sizes).json().path("conversation").path("state").asText()).isEqualTo("BOT");
  }

  @Test
  void supervisorReassignsInTheBoard_theNewHolderIsAlerted_andAnAdminAddsAnAgentWhoCanLogIn() {
    String id = aCustomerAsksForAPerson("Ada", "agent please");
    ApiClient alice = agentApi(ALICE);
    assertThat(alice.agentPost("/api/agent/conversations/" + id + "/claim", "").status()).isEqualTo(200);
    ApiClient bobApi = agentApi(BOB);
    String bobId = agentId(bobApi, BOB.email());

    logIn(second, BOB);
    // A supervisor reaches the analytics and the suggested articles from the console.
    assertThat(second.findElement(By.cssSelector("[data-test='analytics-link']")).isDisplayed()).isTrue();
    assertThat(second.findElement(By.cssSelector("[data-test='suggestions-link']")).getAttribute("href")).endsWith("/console/suggestions.html");
    second.findElement(By.cssSelector("[data-test='view-supervisor']")).click();
    By row = By.cssSelector("[data-test='open-conversation'][data-conversation-id='" + id + "']");
    WebElement held = waitFor(second).until(ExpectedConditions.visibilityOfElementLocated(row));
    assertThat(held.findElement(By.cssSelector("[data-test='held-by']")).getText()).isEqualTo("Alice");
    assertThat(second.findElements(By.cssSelector("[data-test='agent-row']"))).hasSize(3);
    new Select(held.findElement(By.cssSelector("[data-test='reassign-to']"))).selectByValue(bobId);
    held.findElement(By.cssSelector("[data-test='reassign']")).click();
    // The board refreshes by itself; look the row up afresh each time.
    waitFor(second).until(ExpectedConditions.textToBe(By.cssSelector("[data-test='open-conversation'][data-conversation-id='" + id
        + "'] [data-test='held-by']"), "Bob"));
    assertThat(heldBy(bobApi, id)).isEqualTo("Bob");
    waitFor(second).until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-alert-count", "1"));
    Browsers.screenshot(second, "console-supervisor");

    WebElement billing = second.findElement(By.cssSelector("[data-test='team-row'][data-team='billing']"));
    new Select(billing.findElement(By.cssSelector("[data-test='team-assignment']"))).selectByValue("auto");
    WebElement minutes = billing.findElement(By.cssSelector("[data-test='team-minutes']"));
    minutes.clear();
    minutes.sendKeys("15");
    billing.findElement(By.cssSelector("[data-test='team-save']")).click();
    waitFor(second).until(driver -> team(bobApi, "billing").path("typicalReplyMinutes").asInt() == 15);
    assertThat(team(bobApi, "billing").path("assignment").asText()).isEqualTo("auto");

    logIn(first, CAROL);
    first.findElement(By.cssSelector("[data-test='view-admin']")).click();
    waitFor(first).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test='admin-agent-row']")));
    first.findElement(By.cssSelector("[data-test='new-name']")).sendKeys("Dan <b>");
    first.findElement(By.cssSelector("[data-test='new-email']")).sendKeys("dan@example.com");
    first.findElement(By.cssSelector("[data-test='new-password']")).sendKeys("dan-secret-pass");
    WebElement capacity = first.findElement(By.cssSelector("[data-test='new-capacity']"));
    capacity.clear();
    capacity.sendKeys("2");
    first.findElement(By.cssSelector("[data-test='new-skills']")).sendKeys("refunds");
    first.findElement(By.cssSelector("[data-test='admin-create'] [data-test='team-billing']")).click();
    first.findElement(By.cssSelector("[data-test='new-submit']")).click();
    WebElement dan = waitFor(first).until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("[data-test='admin-agent-row'][data-email='dan@example.com']")));
    assertThat(dan.findElement(By.cssSelector(".agent-cell")).getText()).isEqualTo("Dan <b>");
    assertThat(dan.findElements(By.tagName("b"))).isEmpty();
    assertThat(dan.findElement(By.cssSelector("[data-test='agent-capacity']")).getAttribute("value")).isEqualTo("2");
    Browsers.screenshot(first, "console-admin");
    WebElement aliceRow = first.findElement(By.cssSelector("[data-test='admin-agent-row'][data-email='" + ALICE.email() + "']"));
    WebElement aliceCapacity = aliceRow.findElement(By.cssSelector("[data-test='agent-capacity']"));
    aliceCapacity.clear();
    aliceCapacity.sendKeys("5");
    aliceRow.findElement(By.cssSelector("[data-test='agent-skills']")).sendKeys("returns");
    aliceRow.findElement(By.cssSelector("[data-test='agent-save']")).click();
    waitFor(first).until(ExpectedConditions.textToBePresentInElement(aliceRow.findElement(By.cssSelector(".row-status")), "Saved"));
    JsonNode aliceNow = bobApi.get("/api/agent/admin/agents").json().path("agents").findParents("email").stream()
        .filter(agent -> agent.path("email").asText().equals(ALICE.email())).findFirst().orElseThrow();
    assertThat(aliceNow.path("capacity").asInt()).isEqualTo(5);
    assertThat(aliceNow.path("skills").get(0).asText()).isEqualTo("returns");
    var danApi = new ApiClient(server);
    var me = danApi.login("dan@example.com", "dan-secret-pass");
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.json().path("agent").path("teams").get(0).path("id").asText()).isEqualTo("billing");
  }

  // ---------------------------------------------------------------------------------------------------------

  private void logIn(ChromeDriver driver, Demo.DemoAgent agent) {
    driver.manage().deleteAllCookies(); // cookies ignore ports: a session from another test's server must not linger
    driver.get(server.baseUrl() + "/console/");
    waitFor(driver).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test='email']"))).sendKeys(agent.email());
    driver.findElement(By.cssSelector("[data-test='password']")).sendKeys(agent.password());
    driver.findElement(By.cssSelector("[data-test='login']")).click();
    waitFor(driver).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-test='agent-name']"), agent.name()));
  }

  /** A key pressed with the focus on the page, not in a text box. */
  private static void press(ChromeDriver driver, String key) {
    driver.executeScript("if (document.activeElement) document.activeElement.blur();");
    new Actions(driver).sendKeys(key).perform();
  }

  private static WebDriverWait waitFor(ChromeDriver driver) {
    // Lists and boards re-render as events arrive: an element read mid-render is simply read again.
    return (WebDriverWait) new WebDriverWait(driver, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class);
  }

  private static By queueItem(String id) {
    return By.cssSelector("[data-test='queue-item'][data-conversation-id='" + id + "']");
  }

  private ApiClient agentApi(Demo.DemoAgent agent) {
    var client = new ApiClient(server);
    assertThat(client.login(agent.email(), agent.password()).status()).isEqualTo(200);
    return client;
  }

  private String aCustomerAsksForAPerson(String name, String text) {
    return aCustomerAsks(name, text);
  }

  /** A customer says each line in turn; the last must hand the conversation to a person. */
  private String aCustomerAsks(String name, String... lines) {
    var customer = new ApiClient(server);
    var started = customer.post("/api/conversations", "{\"name\":\"" + name + "\"}");
    String id = started.json().path("id").asText();
    JsonNode last = null;
    for (String line : lines) {
      last = customer.post("/api/conversations/" + id + "/messages", "{\"text\":\"" + line + "\"}",
          "Authorization", bearer(started.json().path("token").asText())).json();
    }
    assertThat(last.path("state").asText()).isIn("QUEUED", "WITH_AGENT");
    return id;
  }

  private static String agentId(ApiClient client, String email) {
    return client.get("/api/agent/admin/agents").json().path("agents").findParents("email").stream()
        .filter(agent -> agent.path("email").asText().equals(email)).findFirst().orElseThrow().path("id").asText();
  }

  private static String heldBy(ApiClient client, String id) {
    return client.get("/api/agent/conversations/" + id).json().path("conversation").path("agent").path("name").asText();
  }

  private static JsonNode team(ApiClient client, String id) {
    return client.get("/api/agent/admin/agents").json().path("teams").findParents("typicalReplyMinutes").stream()
        .filter(team -> team.path("id").asText().equals(id)).findFirst().orElseThrow();
  }

  private static double number(Map<String, Object> values, String key) {
    return ((Number) values.get(key)).doubleValue();
  }
}
