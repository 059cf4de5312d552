package baton;

import static org.assertj.core.api.Assertions.assertThat;

import baton.platform.TestDatabases;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A customer in the demo shop's chat widget and an agent in the console, in two real headless
 * Chromium sessions, through a whole handoff.
 */
class BrowserHandoffTest {
  private TestServer server;
  private ChromeDriver customer;
  private ChromeDriver agent;

  @BeforeEach
  void start() {
    customer = Browsers.open();
    agent = Browsers.open();
    server = TestServer.demo();
  }

  @AfterEach
  void stop() {
    if (customer != null) {
      customer.quit();
    }
    if (agent != null) {
      agent.quit();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void customerInTheWidget_handsOff_agentInTheConsoleClaimsRepliesAndResolves() {
    // The widget re-renders messages as they arrive: an element read mid-render is simply read again.
    var customerWait = new WebDriverWait(customer, Duration.ofSeconds(15)).ignoring(StaleElementReferenceException.class);
    var agentWait = new WebDriverWait(agent, Duration.ofSeconds(15)).ignoring(StaleElementReferenceException.class);

    customer.get(server.baseUrl() + "/");
    customer.findElement(By.cssSelector("[data-baton='launcher']")).click();
    customerWait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-baton='panel']")));
    customerWait.until(driver -> !messages(customer, "bot").isEmpty()); // the greeting

    send(customer, "How long does standard shipping take?");
    customerWait.until(driver -> !driver.findElements(By.cssSelector("[data-baton='citation']")).isEmpty());
    assertThat(customer.findElement(By.cssSelector("[data-baton='citation']")).getAttribute("href")).contains("/kb/");

    send(customer, "talk to a human");
    customerWait.until(driver -> messages(customer, "system").stream().anyMatch(m -> text(m).contains("Support team")));
    String hostile = "<b>not bold</b>";
    send(customer, hostile);
    customerWait.until(driver -> messages(customer, "customer").stream()
        .anyMatch(message -> message.getAttribute("data-seq") != null && text(message).equals(hostile)));
    assertThat(customer.findElements(By.cssSelector("[data-baton='messages'] b"))).isEmpty();

    Browsers.screenshot(customer, "widget-handed-off");

    agent.get(server.baseUrl() + "/console/");
    agentWait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test='email']")));
    agent.findElement(By.cssSelector("[data-test='email']")).sendKeys(Demo.AGENTS.getFirst().email());
    agent.findElement(By.cssSelector("[data-test='password']")).sendKeys(Demo.AGENTS.getFirst().password());
    agent.findElement(By.cssSelector("[data-test='login']")).click();
    agentWait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-test='agent-name']"), "Alice"));
    WebElement queued = agentWait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-test='queue-item']")));
    queued.click();
    // The handoff panel: who, what they want in their own words, which tier, and why — before claiming.
    WebElement packet = agentWait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test='packet']")));
    assertThat(packet.findElement(By.cssSelector("[data-test='packet-tier']")).getText()).contains("Priority");
    assertThat(packet.findElement(By.cssSelector("[data-test='packet-request']")).getText())
        .contains("How long does standard shipping take?");
    assertThat(packet.findElement(By.cssSelector("[data-test='packet-frustration']")).getText()).isEqualTo("Calm");
    assertThat(agent.findElements(By.cssSelector("[data-test='packet-why']"))).isNotEmpty();
    assertThat(agent.findElements(By.cssSelector("[data-test='decisions']"))).isNotEmpty();
    Browsers.screenshot(agent, "console-handoff-panel");
    agentWait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-test='claim']"))).click();
    WebElement reply = agentWait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test='reply-input']")));
    Browsers.screenshot(agent, "console-claimed");
    // An internal note: shown to agents in the console, never to the customer.
    reply.sendKeys("Checked the order: parcel lost, refund approved");
    agent.findElement(By.cssSelector("[data-test='note-send']")).click();
    agentWait.until(driver -> driver.findElements(By.cssSelector("[data-test='note']")).stream()
        .anyMatch(note -> note.getText().contains("parcel lost, refund approved")));
    assertThat(agent.findElement(By.cssSelector("[data-test='reply-input']")).getAttribute("value")).isEmpty();
    assertThat(agent.findElement(By.cssSelector("[data-test='presence']")).getAttribute("value")).isEqualTo("online");
    reply.sendKeys("Hi, this is Alice. Let me check that for you.");
    agent.findElement(By.cssSelector("[data-test='reply-send']")).click();

    customerWait.until(driver -> messages(customer, "agent").stream()
        .anyMatch(m -> text(m).contains("Hi, this is Alice")));
    assertThat(messages(customer, null)).noneMatch(m -> text(m).contains("refund approved"));

    send(customer, "Thanks Alice!");
    agentWait.until(driver -> driver.findElements(By.cssSelector("[data-test='transcript'] [data-test='message'][data-author='customer']"))
        .stream().anyMatch(m -> m.getText().contains("Thanks Alice!")));

    agent.findElement(By.cssSelector("[data-test='resolve']")).click();
    agentWait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-test='resolve-confirm']"))).click();
    customerWait.until(driver -> messages(customer, "system").stream().anyMatch(m -> text(m).contains("resolved")));
    Browsers.screenshot(customer, "widget-resolved");
    Browsers.screenshot(agent, "console-resolved");

    // A reload resumes the same conversation: every message once, in order.
    int before = messages(customer, null).size();
    customer.navigate().refresh();
    customerWait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-baton='launcher']")));
    if (!customer.findElement(By.cssSelector("[data-baton='panel']")).isDisplayed()) {
      customer.findElement(By.cssSelector("[data-baton='launcher']")).click();
    }
    customerWait.until(driver -> messages(customer, null).size() >= before);
    List<String> seqs = messages(customer, null).stream().map(m -> m.getAttribute("data-seq")).toList();
    assertThat(seqs).doesNotContainNull();
    assertThat(new HashSet<>(seqs)).hasSameSizeAs(seqs);
    assertThat(seqs).hasSize(before);
  }

  @Test
  void agentInTheConsole_transfersToBilling_withANote_andBillingSeesIt() {
    var agentWait = new WebDriverWait(agent, Duration.ofSeconds(15));
    var api = new ApiClient(server);
    var started = api.post("/api/conversations", "{\"name\":\"Ada\"}");
    String id = started.json().path("id").asText();
    api.post("/api/conversations/" + id + "/messages", "{\"text\":\"agent please\"}", "Authorization",
        ApiClient.bearer(started.json().path("token").asText()));

    agent.get(server.baseUrl() + "/console/");
    agentWait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test='email']")));
    agent.findElement(By.cssSelector("[data-test='email']")).sendKeys(Demo.AGENTS.getFirst().email());
    agent.findElement(By.cssSelector("[data-test='password']")).sendKeys(Demo.AGENTS.getFirst().password());
    agent.findElement(By.cssSelector("[data-test='login']")).click();
    agentWait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-test='queue-item']"))).click();
    agentWait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-test='claim']"))).click();
    WebElement reply = agentWait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test='reply-input']")));
    agentWait.until(driver -> !driver.findElements(By.cssSelector("[data-test='transfer-team'] option")).isEmpty());
    new org.openqa.selenium.support.ui.Select(agent.findElement(By.cssSelector("[data-test='transfer-team']"))).selectByValue("billing");
    // A canned reply goes into the box with the names filled in, to edit before sending.
    agentWait.until(driver -> driver.findElements(By.cssSelector("[data-test='canned'] option")).size() > 1);
    new org.openqa.selenium.support.ui.Select(agent.findElement(By.cssSelector("[data-test='canned']"))).selectByValue("greeting");
    assertThat(reply.getAttribute("value")).startsWith("Hi Ada, this is Alice from Kestrel Outfitters.");
    reply.clear();
    reply.sendKeys("Double charge on KO-48213, please refund");
    agent.findElement(By.cssSelector("[data-test='transfer']")).click();
    agentWait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice-text"), "Passed to the Billing team"));
    Browsers.screenshot(agent, "console-transferred");

    var bob = new ApiClient(server);
    bob.login(Demo.AGENTS.get(1).email(), Demo.AGENTS.get(1).password());
    var view = bob.get("/api/agent/conversations/" + id).json();
    assertThat(view.path("conversation").path("state").asText()).isEqualTo("QUEUED");
    assertThat(view.path("conversation").path("team").path("id").asText()).isEqualTo("billing");
    assertThat(view.path("handoff").path("detail").asText()).isEqualTo("Transferred by Alice: Double charge on KO-48213, please refund");
  }

  @Test
  void widget_whenTheServerRestarts_reconnectsAndShowsWhatItMissedExactlyOnce() throws Exception {
    Path dir = Files.createTempDirectory("baton-reconnect-");
    int port;
    try (var socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    TestServer first = TestServer.demoIn(dir, port);
    try {
      var customerWait = new WebDriverWait(customer, Duration.ofSeconds(25));
      customer.get(first.baseUrl() + "/");
      customer.findElement(By.cssSelector("[data-baton='launcher']")).click();
      customerWait.until(driver -> !messages(customer, "bot").isEmpty());
      send(customer, "agent please");
      customerWait.until(driver -> messages(customer, "system").stream().anyMatch(m -> text(m).contains("Support team")));

      var agentApi = new ApiClient(first);
      agentApi.login(Demo.AGENTS.getFirst().email(), Demo.AGENTS.getFirst().password());
      String id = agentApi.get("/api/agent/queue").json().path("queued").get(0).path("id").asText();
      assertThat(agentApi.agentPost("/api/agent/conversations/" + id + "/claim", "").status()).isEqualTo(200);
      customerWait.until(driver -> messages(customer, "system").stream().anyMatch(m -> text(m).contains("has joined")));

      first.close();
      first = null;
      customerWait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-baton='status']"), "Reconnecting"));

      first = TestServer.demoIn(dir, port);
      // The agent's session lives in the database, so it survives the restart too.
      var afterRestart = agentApi.pointedAt(first).agentPost("/api/agent/conversations/" + id + "/messages", "{\"text\":\"Sorry, we had a hiccup.\"}");
      assertThat(afterRestart.status()).isEqualTo(201);

      customerWait.until(driver -> messages(customer, "agent").stream().anyMatch(m -> text(m).contains("hiccup")));
      customerWait.until(ExpectedConditions.not(
          ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-baton='status']"), "Reconnecting")));
      List<String> seqs = messages(customer, null).stream().map(m -> m.getAttribute("data-seq")).toList();
      assertThat(new HashSet<>(seqs)).hasSameSizeAs(seqs);
      assertThat(messages(customer, "agent")).hasSize(1);
      Browsers.screenshot(customer, "widget-after-reconnect");
    } finally {
      if (first != null) {
        first.close();
      }
      TestDatabases.deleteQuietly(dir);
    }
  }

  private static void send(ChromeDriver driver, String text) {
    WebElement input = driver.findElement(By.cssSelector("[data-baton='input']"));
    input.sendKeys(text);
    input.sendKeys(Keys.ENTER);
  }

  private static List<WebElement> messages(ChromeDriver driver, String author) {
    String selector = "[data-baton='messages'] [data-baton='message']" + (author == null ? "" : "[data-author='" + author + "']");
    return driver.findElements(By.cssSelector(selector));
  }

  private static String text(WebElement message) {
    return message.findElement(By.cssSelector("[data-baton='text']")).getText();
  }
}
