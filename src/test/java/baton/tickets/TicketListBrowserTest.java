package baton.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import baton.ApiClient;
import baton.Browsers;
import baton.Demo;
import baton.MutableClock;
import baton.TestServer;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The ticket list page in headless Chromium: an overdue email ticket is marked, the customer's words
 * are shown as text, and Take makes the agent its assignee. The session comes from the API's login,
 * so the page is tested on its own, without the console's login form.
 */
class TicketListBrowserTest {
  @Test
  void ticketList_marksOverdueTickets_showsTextAsText_andTakes() throws IOException {
    ChromeDriver browser = Browsers.open();
    var clock = new MutableClock(Instant.parse("2026-11-28T19:00:00Z"));
    try (var server = TestServer.demoWithClock(clock)) {
      TicketsEndToEndTest.closedAtWeekendsWithATicketTier(server);
      var customer = new ApiClient(server);
      var started = customer.post("/api/conversations", "{\"name\":\"<b>Ada</b>\",\"email\":\"ada@example.com\"}");
      String id = started.json().path("id").asText();
      assertThat(customer.post("/api/conversations/" + id + "/messages", "{\"text\":\"please close my account\"}", "Authorization",
          ApiClient.bearer(started.json().path("token").asText())).json().path("state").asText()).isEqualTo("QUEUED");
      clock.advance(Duration.ofHours(5));

      var alice = new ApiClient(server);
      var login = alice.login(Demo.AGENTS.get(0).email(), Demo.AGENTS.get(0).password());
      String session = login.headers().get("set-cookie").get(0).split(";", 2)[0].split("=", 2)[1];
      browser.get(server.baseUrl() + "/console/tickets.html");
      browser.manage().addCookie(new Cookie("baton_session", session, "/"));
      browser.get(server.baseUrl() + "/console/tickets.html");
      // The list is redrawn on refresh: an element read mid-redraw is stale, so read it again.
      var wait = new WebDriverWait(browser, Duration.ofSeconds(15));
      wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
      wait.until(driver -> !driver.findElements(By.cssSelector("#t-rows tr")).isEmpty());

      var row = browser.findElement(By.cssSelector("#t-rows tr"));
      assertThat(row.getAttribute("class")).contains("overdue");
      assertThat(row.getText()).contains("overdue").contains("BTN-" + id.substring(0, 8).toUpperCase(java.util.Locale.ROOT))
          .contains("<b>Ada</b>").contains("Nobody yet");
      assertThat(browser.findElements(By.cssSelector("#t-rows b"))).as("names are text, never markup").isEmpty();
      Browsers.screenshot(browser, "ticket-list-overdue");

      row.findElement(By.xpath(".//button[text()='Take']")).click();
      wait.until(driver -> driver.findElement(By.cssSelector("#t-rows tr")).getText().contains("Alice"));
      assertThat(browser.findElement(By.cssSelector("#t-rows tr")).getText()).contains("Solve");
    } finally {
      browser.quit();
    }
  }
}
