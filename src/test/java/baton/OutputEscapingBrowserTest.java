package baton;

import static org.assertj.core.api.Assertions.assertThat;

import baton.platform.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * Hostile markup everywhere untrusted text reaches a page: a customer's messages and name, an agent's
 * note and reply, and a synced help article's title and body. Two real headless Chromium sessions
 * (the widget on the shop page, the agent console, the help pages) must show every payload as
 * literal text, create none of its elements and run none of its script.
 */
class OutputEscapingBrowserTest {
  private Path dir;
  private TestServer server;
  private ChromeDriver customer;
  private ChromeDriver agent;

  /** Tries every common way out of a text context; any of them running sets window.__pwned or the title. */
  private static String hostile(String where) {
    return "<img src=x onerror=\"window.__pwned='" + where + "'\"><script>window.__pwned='" + where + "'</script>"
        + "\"><svg onload=\"document.title='pwned-" + where + "'\"></svg>";
  }

  @BeforeEach
  void start() throws Exception {
    customer = Browsers.open();
    agent = Browsers.open();
    dir = Files.createTempDirectory("baton-escaping-");
    Path knowledge = Demo.installFiles(dir.resolve("demo")).getParent().resolve("knowledge");
    Files.writeString(knowledge.resolve("zorblax-gift-wrapping.md"), "# Zorblax gift wrapping " + hostile("kb-title") + "\n\n"
        + "## How much does zorblax gift wrapping cost\n\n"
        + "Zorblax gift wrapping costs five dollars per order " + hostile("kb-body") + " and you choose zorblax gift wrapping at"
        + " checkout. [Zorblax details](javascript:window.__pwned='kb-link')\n");
    server = TestServer.demoIn(dir);
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
    TestDatabases.deleteQuietly(dir);
  }

  @Test
  void hostileMarkup_inMessagesNamesNotesAndArticles_isShownAsTextAndNeverRuns() {
    // The widget and the console re-render lists as messages are confirmed; a stale element is a retry, not a failure.
    var customerWait = new WebDriverWait(customer, Duration.ofSeconds(20));
    customerWait.ignoring(StaleElementReferenceException.class);
    var agentWait = new WebDriverWait(agent, Duration.ofSeconds(20));
    agentWait.ignoring(StaleElementReferenceException.class);

    // A second customer whose name is the payload, waiting in the queue.
    var api = new ApiClient(server);
    var named = api.post("/api/conversations", baton.platform.Json.write(java.util.Map.of("name", hostile("name"))));
    api.post("/api/conversations/" + named.json().path("id").asText() + "/messages", "{\"text\":\"agent please\"}",
        "Authorization", ApiClient.bearer(named.json().path("token").asText()));

    customer.get(server.baseUrl() + "/");
    String shopTitle = customer.getTitle();
    customer.findElement(By.cssSelector("[data-baton='launcher']")).click();
    customerWait.until(driver -> !messages(customer, "bot").isEmpty());
    send(customer, "How much does zorblax gift wrapping cost?");
    customerWait.until(driver -> messages(customer, "bot").size() >= 2);
    send(customer, hostile("message"));
    customerWait.until(driver -> messages(customer, "customer").stream().anyMatch(m -> text(m).equals(hostile("message"))));
    send(customer, "talk to a human");
    customerWait.until(driver -> !messages(customer, "system").isEmpty());

    agent.get(server.baseUrl() + "/console/");
    agentWait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test='email']")));
    agent.findElement(By.cssSelector("[data-test='email']")).sendKeys(Demo.AGENTS.getFirst().email());
    agent.findElement(By.cssSelector("[data-test='password']")).sendKeys(Demo.AGENTS.getFirst().password());
    agent.findElement(By.cssSelector("[data-test='login']")).click();
    agentWait.until(driver -> driver.findElements(By.cssSelector("[data-test='queue-item']")).size() >= 2);
    assertThat(bodyText(agent)).as("the customer's name in the queue").contains(hostile("name"));
    agentWait.until(driver -> {
      driver.findElements(By.cssSelector("[data-test='queue-item']")).stream()
          .filter(item -> !item.getText().contains("pwned")).findFirst().orElseThrow().click();
      return true;
    });
    agentWait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test='packet']")));
    agentWait.until(driver -> bodyText(driver).contains(hostile("message")));
    agentWait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-test='claim']"))).click();
    WebElement reply = agentWait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test='reply-input']")));
    reply.sendKeys(hostile("note"));
    agent.findElement(By.cssSelector("[data-test='note-send']")).click();
    agentWait.until(driver -> bodyText(driver).contains(hostile("note")));
    reply.sendKeys(hostile("reply"));
    agent.findElement(By.cssSelector("[data-test='reply-send']")).click();
    customerWait.until(driver -> messages(customer, "agent").stream().anyMatch(m -> text(m).equals(hostile("reply"))));
    Browsers.screenshot(agent, "escaping-console");
    Browsers.screenshot(customer, "escaping-widget");

    assertNothingRan(customer, shopTitle);
    assertNothingRan(agent, "Baton console");
    assertThat(bodyText(customer)).contains(hostile("message"), hostile("reply"));
    assertThat(customer.findElements(By.cssSelector("[data-baton='citation']"))).as("the bot cited the hostile article")
        .anySatisfy(citation -> assertThat(citation.getText()).contains("Zorblax gift wrapping <img src=x"));

    // The synced article: listed and shown with its markup as text, the javascript: link not a link.
    agent.get(server.baseUrl() + "/kb");
    assertThat(bodyText(agent)).contains("Zorblax gift wrapping");
    String listTitle = agent.getTitle();
    assertNothingRan(agent, listTitle);
    agent.get(server.baseUrl() + "/kb/zorblax-gift-wrapping");
    assertThat(bodyText(agent)).contains(hostile("kb-body"));
    assertThat(agent.findElements(By.cssSelector("a[href^='javascript']"))).isEmpty();
    assertNothingRan(agent, agent.getTitle());
  }

  private static void assertNothingRan(ChromeDriver driver, String expectedTitle) {
    assertThat(driver.executeScript("return window.__pwned === undefined ? null : String(window.__pwned)")).as(driver.getCurrentUrl())
        .isNull();
    assertThat(driver.getTitle()).as("a payload sets the whole title").doesNotStartWith("pwned-");
    if (!expectedTitle.startsWith("Baton")) {
      assertThat(driver.getTitle()).isEqualTo(expectedTitle);
    }
    Object injected = driver.executeScript(
        "return document.querySelectorAll('img[src=\"x\"], [onerror], [onload], svg[onload], script:not([src])').length");
    assertThat(((Number) injected).intValue()).as("elements created from text on " + driver.getCurrentUrl()).isZero();
  }

  private static String bodyText(org.openqa.selenium.WebDriver driver) {
    return (String) ((ChromeDriver) driver).executeScript("return document.body.innerText");
  }

  private static void send(ChromeDriver driver, String text) {
    WebElement input = driver.findElement(By.cssSelector("[data-baton='input']"));
    input.sendKeys(text);
    input.sendKeys(Keys.ENTER);
  }

  private static java.util.List<WebElement> messages(ChromeDriver driver, String author) {
    return driver.findElements(By.cssSelector("[data-baton='messages'] [data-baton='message'][data-author='" + author + "']"));
  }

  private static String text(WebElement message) {
    return message.findElement(By.cssSelector("[data-baton='text']")).getText();
  }
}
