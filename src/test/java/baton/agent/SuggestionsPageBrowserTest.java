package baton.agent;

import static baton.ApiClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import baton.ApiClient;
import baton.Browsers;
import baton.Demo;
import baton.TestServer;
import baton.platform.Json;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** A supervisor reviews suggested knowledge in a real browser: edit, approve, and text stays text. */
class SuggestionsPageBrowserTest {
  private ChromeDriver browser;
  private TestServer server;

  @BeforeEach
  void start() {
    browser = Browsers.open();
    server = TestServer.demo();
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void supervisor_editsAndApprovesASuggestion_inTheReviewPage() {
    // An agent answers a handed-off question and marks the answer reusable.
    var customer = new ApiClient(server);
    var started = customer.post("/api/conversations", "{}");
    String id = started.json().path("id").asText();
    String auth = bearer(started.json().path("token").asText());
    customer.post("/api/conversations/" + id + "/messages", "{\"text\":\"Can I book a guided hike with your staff?\"}", "Authorization", auth);
    customer.post("/api/conversations/" + id + "/messages", "{\"text\":\"talk to a human\"}", "Authorization", auth);
    var alice = new ApiClient(server);
    alice.login(Demo.AGENTS.get(0).email(), Demo.AGENTS.get(0).password());
    alice.agentPost("/api/agent/conversations/" + id + "/claim", "");
    alice.agentPost("/api/agent/conversations/" + id + "/resolve", "{\"note\":\"Every Saturday at 9am.\",\"reusable\":true}");

    // The supervisor's browser logs in (the session cookie), then opens the review page.
    var wait = new WebDriverWait(browser, Duration.ofSeconds(15));
    // Pages redraw as data arrives: an element read mid-redraw is stale, so read it again.
    wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    browser.get(server.baseUrl() + "/console/suggestions.html");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Log in"));
    Object status = browser.executeAsyncScript("const done = arguments[arguments.length - 1];"
        + "fetch('/api/agent/login', {method: 'POST', headers: {'Content-Type': 'application/json'}, body: arguments[0]})"
        + ".then(response => done(response.status));",
        Json.write(Map.of("email", Demo.AGENTS.get(1).email(), "password", Demo.AGENTS.get(1).password())));
    assertThat(status).isEqualTo(200L);
    browser.navigate().refresh();
    var question = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".suggestion input[name='question']")));
    assertThat(question.getAttribute("value")).isEqualTo("Can I book a guided hike with your staff?");

    var answer = browser.findElement(By.cssSelector(".suggestion textarea[name='answer']"));
    answer.clear();
    answer.sendKeys("<b>Every Saturday</b> at 9am, from the Boulder store.");
    browser.findElement(By.cssSelector(".suggestion [data-action='approve']")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Approved"));
    Browsers.screenshot(browser, "suggestions-approved");

    // Approved as typed (markup is text), and the list of waiting suggestions is empty now.
    assertThat(browser.findElements(By.cssSelector(".suggestion"))).isEmpty();
    var bob = new ApiClient(server);
    bob.login(Demo.AGENTS.get(1).email(), Demo.AGENTS.get(1).password());
    var approved = bob.get("/api/agent/knowledge/suggestions?state=approved").json().path("suggestions").get(0);
    assertThat(approved.path("answer").asText()).isEqualTo("<b>Every Saturday</b> at 9am, from the Boulder store.");
    assertThat(approved.path("url").asText()).startsWith("/kb/learned/");

    new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("state-filter"))).selectByValue("approved");
    var shown = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".suggestion textarea[name='answer']")));
    assertThat(shown.getAttribute("value")).isEqualTo("<b>Every Saturday</b> at 9am, from the Boulder store.");
    assertThat(browser.findElements(By.cssSelector(".suggestions-list b"))).isEmpty();
    assertThat(browser.findElement(By.cssSelector(".suggestion-link")).getAttribute("href")).contains("/kb/learned/");
  }
}
