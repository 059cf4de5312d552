package baton.analytics;

import static baton.ApiClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import baton.ApiClient;
import baton.Browsers;
import baton.Demo;
import baton.TestServer;
import baton.platform.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The widget's rating and the dashboard in headless Chromium: a customer rates a chat in the widget; a
 * supervisor's dashboard draws its charts, shows the API's numbers, narrows them with a filter, drills
 * down from a bar, and its CSV links hold what its tables show.
 */
class AnalyticsDashboardBrowserTest {
  private TestServer server;
  private ChromeDriver browser;

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
  void dashboard_drawsCharts_matchesTheApi_filters_drillsDown_andExportsWhatItShows() {
    var wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    // Pages redraw as data arrives: an element read mid-redraw is stale, so read it again.
    wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    // A web customer in the widget: an answer from an article, then the one-click rating.
    browser.get(server.baseUrl() + "/");
    browser.findElement(By.cssSelector("[data-baton='launcher']")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-baton='panel']")));
    WebElement input = browser.findElement(By.cssSelector("[data-baton='input']"));
    input.sendKeys("How long does standard shipping take?");
    input.sendKeys(Keys.ENTER);
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-baton='rating']")));
    browser.findElement(By.cssSelector("[data-baton='rating'] [data-rating='good']")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-baton='rated']")));
    // Two more through the API: a web customer and an email customer who both ask for a person.
    var api = new ApiClient(server);
    for (String channel : List.of("web", "email")) {
      JsonNode started = api.post("/api/conversations", "{\"channel\":\"" + channel + "\"}").json();
      api.post("/api/conversations/" + started.path("id").asText() + "/messages", "{\"text\":\"talk to a human\"}", "Authorization",
          bearer(started.path("token").asText()));
    }

    browser.get(server.baseUrl() + "/console/analytics");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-email")));
    browser.findElement(By.id("login-email")).sendKeys(Demo.AGENTS.get(1).email());
    browser.findElement(By.id("login-password")).sendKeys(Demo.AGENTS.get(1).password());
    browser.findElement(By.id("login-submit")).click();
    awaitReady(wait);

    // The numbers on the page are the API's (same default range: the last 30 days up to today).
    JsonNode report = fetchJson("/api/agent/analytics?" + filterQuery());
    for (String measure : List.of("conversations", "handoffRate", "automationRate", "csat")) {
      assertThat(normal(kpi(measure))).as(measure).isEqualTo(normal(report.path("summary").path(measure)));
    }
    assertThat(kpi("conversations").asInt()).isEqualTo(3);
    assertThat(kpi("csat").asDouble()).as("the widget's one good rating").isEqualTo(1.0);
    assertThat(browser.findElement(By.cssSelector("[data-measure='handoffRate'] .value")).getText()).isEqualTo("66.7%");

    // Every chart has drawn something.
    for (WebElement canvas : browser.findElements(By.cssSelector("canvas[data-table]"))) {
      assertThat(paintedPixels(canvas)).as("painted pixels of " + canvas.getAttribute("id")).isGreaterThan(100L);
    }
    Browsers.screenshot(browser, "analytics-dashboard");

    // Each table's CSV link holds exactly what the table shows.
    for (String table : List.of("summary", "handoffsByTrigger", "handoffsByChannel", "signals", "satisfaction", "topics")) {
      String href = browser.findElement(By.cssSelector("a[data-csv='" + table + "']")).getAttribute("href");
      String csv = fetchText(href);
      assertThat(csvRows(csv)).as(table + " from " + href + ": " + csv).isEqualTo(tableRows(table));
    }

    // A click on the "human_request" bar lists the two conversations behind it.
    clickBar("chart-trigger", "human_request");
    wait.until(driver -> "2".equals(driver.findElement(By.id("drill")).getAttribute("data-count")));
    assertThat(browser.findElements(By.cssSelector("#drill-table tbody tr"))).hasSize(2);

    // Narrowing to email changes the numbers, and they are still the API's.
    new Select(browser.findElement(By.id("channel"))).selectByValue("email");
    wait.until(driver -> kpi("conversations").asInt() == 1);
    awaitReady(wait);
    JsonNode email = fetchJson("/api/agent/analytics?" + filterQuery());
    assertThat(email.path("filters").path("channel").asText()).isEqualTo("email");
    assertThat(normal(kpi("handoffRate"))).isEqualTo(normal(email.path("summary").path("handoffRate")));
    assertThat(kpi("handoffRate").asDouble()).isEqualTo(1.0);
    String href = browser.findElement(By.cssSelector("a[data-csv='handoffsByChannel']")).getAttribute("href");
    assertThat(href).contains("channel=email");
    assertThat(csvRows(fetchText(href))).isEqualTo(tableRows("handoffsByChannel"));
  }

  private void awaitReady(WebDriverWait wait) {
    wait.until(driver -> "ready".equals(driver.findElement(By.tagName("body")).getAttribute("data-state")));
  }

  private JsonNode kpi(String measure) {
    // Read in the page: the cards are rebuilt on every load, so a held element would go stale.
    Object raw = browser.executeScript("const card = document.querySelector(\"[data-measure='\" + arguments[0] + \"']\");"
        + " return card ? card.dataset.value : 'null';", measure);
    return Json.readObject("{\"v\":" + raw + "}").path("v");
  }

  private String filterQuery() {
    return (String) browser.executeScript("const params = new URLSearchParams();"
        + " for (const name of ['from','to','channel','tier','topic','team']) { const v = document.getElementById(name).value;"
        + " if (v) params.set(name, v); } return params.toString();");
  }

  private String fetchText(String url) {
    return (String) browser.executeAsyncScript("const done = arguments[arguments.length - 1];"
        + " fetch(arguments[0], {credentials: 'same-origin'}).then(r => r.text()).then(done, e => done('ERROR ' + e));", url);
  }

  private JsonNode fetchJson(String path) {
    return Json.readObject(fetchText(path));
  }

  /** Pixels with any opacity: a blank canvas has none. */
  private long paintedPixels(WebElement canvas) {
    return (Long) browser.executeScript("const c = arguments[0]; const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
        + " let n = 0; for (let i = 3; i < data.length; i += 4) { if (data[i] > 0) n++; } return n;", canvas);
  }

  private void clickBar(String canvasId, String label) {
    @SuppressWarnings("unchecked")
    Map<String, Object> at = (Map<String, Object>) browser.executeScript("const c = document.getElementById(arguments[0]);"
        + " const chart = Chart.getChart(c); const index = chart.data.labels.indexOf(arguments[1]);"
        + " const bar = chart.getDatasetMeta(0).data[index]; const y = (bar.y + bar.base) / 2;"
        + " return {x: bar.x - c.clientWidth / 2, y: y - c.clientHeight / 2};", canvasId, label);
    WebElement canvas = browser.findElement(By.id(canvasId));
    browser.executeScript("arguments[0].scrollIntoView({block: 'center'});", canvas);
    new Actions(browser).moveToElement(canvas, ((Number) at.get("x")).intValue(), ((Number) at.get("y")).intValue()).click().perform();
  }

  /** The HTML table's cells, each as the API's raw value: text as is, numbers as numbers, null as empty. */
  private List<List<String>> tableRows(String table) {
    List<List<String>> rows = new ArrayList<>();
    for (WebElement line : browser.findElements(By.cssSelector("section[data-table='" + table + "'] tbody tr"))) {
      List<String> cells = new ArrayList<>();
      for (WebElement cell : line.findElements(By.tagName("td"))) {
        cells.add(normal(Json.readObject("{\"v\":" + cell.getAttribute("data-value") + "}").path("v")));
      }
      rows.add(cells);
    }
    return rows;
  }

  private static List<List<String>> csvRows(String csv) {
    List<List<String>> rows = new ArrayList<>();
    String[] lines = csv.split("\r?\n"); // Selenium hands strings back with bare line feeds
    for (int i = 1; i < lines.length; i++) { // the test data has no quoted commas
      List<String> cells = new ArrayList<>();
      for (String cell : lines[i].split(",", -1)) {
        cells.add(cell.matches("-?\\d+(\\.\\d+)?") ? Double.toString(Double.parseDouble(cell)) : cell);
      }
      rows.add(cells);
    }
    return rows;
  }

  private static String normal(JsonNode value) {
    if (value.isNull() || value.isMissingNode()) {
      return "";
    }
    return value.isNumber() ? Double.toString(value.asDouble()) : value.asText();
  }
}
