package baton.platform;

import static org.assertj.core.api.Assertions.assertThat;

import baton.ApiClient;
import baton.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the browser gets: every served page is free of inline script, inline style, event-handler
 * attributes and javascript: URLs (so the strict Content-Security-Policy costs nothing and an injected
 * attribute could never run), every response carries the security headers, and no script of ours
 * parses text as HTML.
 */
class ServedPagesSecurityTest {
  private static final Path WEB = Path.of("src/main/resources/web");
  /** Sinks that turn a string into markup or code; text must go in through textContent or text nodes. */
  private static final Pattern HTML_SINKS =
      Pattern.compile("\\.innerHTML|\\.outerHTML|insertAdjacentHTML|document\\.write|\\beval\\(|new Function\\(|createContextualFragment");
  private static TestServer server;

  @BeforeAll
  static void startServer() {
    server = TestServer.demo();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @Test
  void everyHtmlFileWeServe_hasNoInlineScriptStyleHandlersOrJavascriptUrls() throws IOException {
    List<Path> pages;
    try (Stream<Path> files = Files.walk(WEB)) {
      pages = files.filter(file -> file.toString().endsWith(".html")).toList();
    }
    assertThat(pages).hasSizeGreaterThanOrEqualTo(2);
    List<String> problems = new ArrayList<>();
    for (Path page : pages) {
      problems.addAll(inlineCode(WEB.relativize(page).toString(), Jsoup.parse(Files.readString(page))));
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void everyGeneratedHelpPage_hasNoInlineCode() {
    var client = new ApiClient(server);
    List<String> paths = new ArrayList<>(List.of("/kb", "/kb/no-such-article"));
    client.get("/api/knowledge/articles").json().path("articles").forEach(article -> paths.add(article.path("url").asText()));
    assertThat(paths).hasSizeGreaterThan(10);
    List<String> problems = new ArrayList<>();
    for (String path : paths) {
      problems.addAll(inlineCode(path, Jsoup.parse(client.get(path).body())));
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void linter_catchesEachKindOfInlineCode() {
    Document hostile = Jsoup.parse("<script>alert(1)</script><script src=/ok.js></script><img src=x onerror=alert(2)>"
        + "<a href=' JavaScript:alert(3)'>x</a><p style='color:red'>y</p><style>p{}</style><form action='javascript:void 0'></form>");
    assertThat(inlineCode("hostile", hostile)).hasSize(6);
  }

  @Test
  void everyResponse_carriesTheStrictPolicyAndTheOtherSecurityHeaders() {
    var client = new ApiClient(server);
    for (String path : List.of("/", "/console/", "/kb", "/kb/returns-policy", "/widget/baton-widget.js", "/console/console.js",
        "/api/knowledge/articles", "/api/conversations/not-a-conversation", "/no-such-page")) {
      var response = client.get(path);
      String csp = header(response, "content-security-policy");
      assertThat(csp).as(path).contains("default-src 'self'", "script-src 'self'", "object-src 'none'", "frame-ancestors 'none'",
          "base-uri 'none'");
      assertThat(csp).as(path).doesNotContain("unsafe-inline", "unsafe-eval");
      assertThat(header(response, "x-content-type-options")).as(path).isEqualTo("nosniff");
      assertThat(header(response, "referrer-policy")).as(path).isEqualTo("same-origin");
      assertThat(header(response, "x-frame-options")).as(path).isEqualTo("DENY");
    }
  }

  @Test
  void urlsAndHeadersOverEightKilobytes_areRefusedBeforeAnyHandler() {
    var client = new ApiClient(server);
    assertThat(client.get("/api/conversations/" + "a".repeat(9 * 1024)).status()).isEqualTo(414);
    assertThat(client.get("/api/knowledge/articles", "X-Padding", "b".repeat(9 * 1024)).status()).isEqualTo(431);
  }

  @Test
  void widgetScripts_mayBeLoadedAsModulesFromAnySite() {
    var client = new ApiClient(server);
    for (String path : List.of("/widget/baton-widget.js", "/widget/connection.js", "/widget/view.js", "/widget/widget.css")) {
      var response = client.get(path, "Origin", "https://shop.example.com");
      assertThat(response.status()).as(path).isEqualTo(200);
      assertThat(header(response, "access-control-allow-origin")).as(path).isEqualTo("*");
    }
  }

  @Test
  void noScriptOfOurs_parsesTextAsHtmlOrCode() throws IOException {
    List<String> problems = new ArrayList<>();
    try (Stream<Path> files = Files.walk(WEB)) {
      for (Path script : files.filter(file -> file.toString().endsWith(".js")).toList()) {
        List<String> lines = Files.readAllLines(script);
        for (int i = 0; i < lines.size(); i++) {
          if (HTML_SINKS.matcher(lines.get(i)).find() && !lines.get(i).strip().startsWith("//")) {
            problems.add(WEB.relativize(script) + ":" + (i + 1) + ": " + lines.get(i).strip());
          }
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  private static String header(ApiClient.Response response, String name) {
    return response.headers().entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
        .map(entry -> String.join(", ", entry.getValue())).findFirst().orElse("");
  }

  /** Inline script bodies, inline styles, on* attributes and javascript: URLs in a page. */
  static List<String> inlineCode(String page, Document document) {
    List<String> problems = new ArrayList<>();
    for (Element script : document.select("script")) {
      if (!script.data().isBlank() || !script.hasAttr("src")) {
        problems.add(page + ": inline <script> " + abbreviate(script.outerHtml()));
      }
    }
    for (Element style : document.select("style")) {
      problems.add(page + ": inline <style> " + abbreviate(style.outerHtml()));
    }
    for (Element element : document.getAllElements()) {
      for (Attribute attribute : element.attributes()) {
        String name = attribute.getKey().toLowerCase(Locale.ROOT);
        String value = attribute.getValue().replaceAll("[\\s\\u0000-\\u001f]", "").toLowerCase(Locale.ROOT);
        if (name.startsWith("on")) {
          problems.add(page + ": event handler attribute " + name + " on <" + element.tagName() + ">");
        } else if (name.equals("style")) {
          problems.add(page + ": style attribute on <" + element.tagName() + ">");
        } else if (value.startsWith("javascript:")) {
          problems.add(page + ": javascript: URL in " + name + " on <" + element.tagName() + ">");
        }
      }
    }
    return problems;
  }

  private static String abbreviate(String html) {
    return html.length() > 80 ? html.substring(0, 80) + "…" : html;
  }
}
