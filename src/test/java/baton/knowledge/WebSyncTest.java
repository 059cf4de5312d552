package baton.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import baton.knowledge.FakeSite.Response;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebSyncTest {
  private static final Instant NOON = Instant.parse("2025-06-01T12:00:00Z");
  private static final WebLimits LIMITS = new WebLimits(Duration.ofSeconds(5), 4_096, 50);

  private final FakeSite site = new FakeSite();
  private final SyncStatuses statuses = new SyncStatuses(Clock.fixed(NOON, ZoneOffset.UTC));

  WebSyncTest() throws IOException {}

  @AfterEach
  void stopSite() {
    site.close();
  }

  private static String page(String title, String body) {
    return "<html><head><title>" + title + "</title></head><body><nav>Site menu</nav><main><h1>" + title + "</h1>"
        + body + "</main></body></html>";
  }

  private WebSync syncOf(List<String> startPaths, List<String> include, List<String> exclude) {
    var source = new WebSource("help-site", startPaths.stream().map(site::url).toList(), List.of(), include, exclude,
        Duration.ofMinutes(30));
    return new WebSync(source, WebSync.httpClient(LIMITS), LIMITS, statuses, Clock.fixed(NOON, ZoneOffset.UTC));
  }

  private WebSync syncOf(String... startPaths) {
    return syncOf(List.of(startPaths), List.of(), List.of());
  }

  @Test
  void sync_readsAPage_citingThePageUrlWithTheHeadingsAnchor_asBaton() {
    site.html("/help/shipping", page("Shipping", "<h2 id=\"intl\">International</h2><p>We ship to 40 countries.</p>"));

    SyncReport report = syncOf("/help/shipping").sync();

    assertThat(report.added()).containsExactly("127-0-0-1-help-shipping");
    Passage international = report.articles().getFirst().passages().getFirst();
    assertThat(international.heading()).isEqualTo("Shipping › International");
    assertThat(international.text()).isEqualTo("We ship to 40 countries.");
    assertThat(international.url()).isEqualTo(site.url("/help/shipping") + "#intl");
    assertThat(site.requestsFor("/help/shipping")).extracting(FakeSite.Request::userAgent)
        .containsOnly("Baton/0.1 (+self-hosted support bot)");
  }

  @Test
  void sync_second_sendsIfNoneMatch_andOn304KeepsTheArticleWithoutParsing() {
    site.html("/help/returns", page("Returns", "<p>Thirty days.</p>"));
    WebSync sync = syncOf("/help/returns");
    Article first = sync.sync().articles().getFirst();

    SyncReport second = sync.sync();

    List<FakeSite.Request> requests = site.requestsFor("/help/returns");
    assertThat(requests).hasSize(2);
    assertThat(requests.get(0).ifNoneMatch()).isNull();
    assertThat(requests.get(1).ifNoneMatch()).isNotNull();
    assertThat(second.unchanged()).hasSize(1);
    assertThat(second.changedAnything()).isFalse();
    assertThat(second.articles().getFirst()).isSameAs(first);
  }

  @Test
  void sync_whenThePageChanged_reparsesIt() {
    site.html("/help/returns", page("Returns", "<p>Thirty days.</p>"));
    WebSync sync = syncOf("/help/returns");
    sync.sync();
    site.html("/help/returns", page("Returns", "<p>Sixty days.</p>"));

    SyncReport report = sync.sync();

    assertThat(report.changed()).hasSize(1);
    assertThat(report.articles().getFirst().passages().getFirst().text()).isEqualTo("Sixty days.");
  }

  @Test
  void sync_whenAPageLaterReturns404_removesIt() {
    site.html("/help/a", page("A", "<p>Alpha.</p><a href=\"/help/b\">B</a>"));
    site.html("/help/b", page("B", "<p>Beta.</p>"));
    WebSync sync = syncOf("/help/a");
    assertThat(sync.sync().articles()).extracting(Article::title).containsExactly("A", "B");
    site.remove("/help/b");

    SyncReport report = sync.sync();

    assertThat(report.deleted()).hasSize(1);
    assertThat(report.errors()).isEmpty();
    assertThat(sync.articles()).extracting(Article::title).containsExactly("A");
  }

  @Test
  void sync_whenAPageReturns500_keepsTheLastGoodVersionAndReportsIt() {
    site.html("/help/a", page("A", "<p>Alpha.</p>"));
    WebSync sync = syncOf("/help/a");
    Article good = sync.sync().articles().getFirst();
    site.respond("/help/a", new Response(503, "text/html", "<h1>Down for maintenance</h1>", null));

    SyncReport report = sync.sync();

    assertThat(report.errors()).singleElement().satisfies(error -> {
      assertThat(error.document()).isEqualTo(site.url("/help/a").toString());
      assertThat(error.message()).contains("503");
    });
    assertThat(report.deleted()).isEmpty();
    assertThat(report.articles()).containsExactly(good);
    assertThat(statuses.status("help-site").orElseThrow().errors()).singleElement().asString().contains("503");
  }

  @Test
  void sync_whenAPageTimesOut_keepsTheLastGoodVersionAndReportsIt() {
    site.html("/help/a", page("A", "<p>Alpha.</p>"));
    var quick = new WebLimits(Duration.ofMillis(300), 4_096, 50);
    var source = new WebSource("help-site", List.of(site.url("/help/a")), List.of(), List.of(), List.of(), Duration.ofMinutes(1));
    WebSync sync = new WebSync(source, WebSync.httpClient(quick), quick, statuses, Clock.systemUTC());
    sync.sync();
    site.html("/help/a", page("A", "<p>Changed.</p>")).slow("/help/a", 2_000);

    SyncReport report = sync.sync();

    assertThat(report.errors()).singleElement().extracting(SyncError::message).asString().contains("timed out");
    assertThat(report.articles().getFirst().passages().getFirst().text()).isEqualTo("Alpha.");
  }

  @Test
  void sync_honoursRobotsTxtDisallow_withTheLongestMatchWinning() {
    site.respond("/robots.txt", new Response(200, "text/plain", """
        User-agent: *
        Disallow: /help/internal
        Allow: /help/internal/public
        """, null));
    site.html("/help/index", page("Index", "<p>All.</p><a href=\"/help/internal/notes\">n</a>"
        + "<a href=\"/help/internal/public/faq\">f</a>"));
    site.html("/help/internal/notes", page("Notes", "<p>Secret.</p>"));
    site.html("/help/internal/public/faq", page("FAQ", "<p>Public.</p>"));

    SyncReport report = syncOf("/help/index").sync();

    assertThat(report.articles()).extracting(Article::title).containsExactly("Index", "FAQ");
    assertThat(site.requestsFor("/help/internal/notes")).as("never fetched").isEmpty();
    assertThat(site.requestsFor("/robots.txt")).hasSize(1);
  }

  @Test
  void sync_followsTheRobotsGroupForBaton_overTheOneForEveryone() {
    site.respond("/robots.txt", new Response(200, "text/plain", """
        User-agent: *
        Disallow: /

        User-agent: Baton
        Disallow: /help/drafts/
        """, null));
    site.html("/help/a", page("A", "<p>Alpha.</p><a href=\"/help/drafts/x\">x</a>"));
    site.html("/help/drafts/x", page("Draft", "<p>Draft.</p>"));

    assertThat(syncOf("/help/a").sync().articles()).extracting(Article::title).containsExactly("A");
  }

  @Test
  void sync_discoversPagesThroughASitemapIndex() {
    site.respond("/sitemap.xml", new Response(200, "application/xml", """
        <?xml version="1.0" encoding="UTF-8"?>
        <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
          <sitemap><loc>%s</loc></sitemap>
        </sitemapindex>""".formatted(site.url("/sitemap-help.xml")), null));
    site.respond("/sitemap-help.xml", new Response(200, "application/xml", """
        <?xml version="1.0" encoding="UTF-8"?>
        <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
          <url><loc>%s</loc></url>
          <url><loc>%s</loc></url>
          <url><loc>https://elsewhere.example/help/c</loc></url>
        </urlset>""".formatted(site.url("/help/a"), site.url("/help/b")), null));
    site.html("/help/a", page("A", "<p>Alpha.</p>"));
    site.respond("/help/b", new Response(200, "text/plain", "B\n\nBeta in plain text.", null));
    var source = new WebSource("sitemap-site", List.of(), List.of(site.url("/sitemap.xml")), List.of(), List.of(),
        Duration.ofHours(1));

    SyncReport report = new WebSync(source, WebSync.httpClient(LIMITS), LIMITS, statuses, Clock.systemUTC()).sync();

    assertThat(report.articles()).extracting(Article::title).containsExactly("A", "B");
    assertThat(report.articles().get(1).passages().getFirst().text()).isEqualTo("Beta in plain text.");
    assertThat(report.errors()).isEmpty();
  }

  @Test
  void sync_whenTheSitemapFails_keepsPagesItCanNoLongerList() {
    site.respond("/sitemap.xml", new Response(200, "application/xml",
        "<urlset><url><loc>" + site.url("/help/a") + "</loc></url></urlset>", null));
    site.html("/help/a", page("A", "<p>Alpha.</p>"));
    var source = new WebSource("sitemap-site", List.of(), List.of(site.url("/sitemap.xml")), List.of(), List.of(),
        Duration.ofHours(1));
    WebSync sync = new WebSync(source, WebSync.httpClient(LIMITS), LIMITS, statuses, Clock.systemUTC());
    sync.sync();
    site.respond("/sitemap.xml", new Response(500, "text/plain", "oops", null));

    SyncReport report = sync.sync();

    assertThat(report.errors()).hasSize(1);
    assertThat(report.articles()).extracting(Article::title).containsExactly("A");
  }

  @Test
  void sync_indexesOnlyIncludedPaths_notExcludedOnes() {
    site.html("/", page("Home", "<a href=\"/help/a\">a</a><a href=\"/help/legacy/b\">b</a><a href=\"/blog/c\">c</a>"
        + "<a href=\"https://elsewhere.example/help/d\">d</a><a href=\"/help/manual.pdf\">pdf</a>"));
    site.html("/help/a", page("A", "<p>Alpha.</p>"));
    site.html("/help/legacy/b", page("B", "<p>Beta.</p>"));
    site.html("/blog/c", page("C", "<p>Gamma.</p>"));

    SyncReport report = syncOf(List.of("/"), List.of("/help/**"), List.of("/help/legacy/**")).sync();

    assertThat(report.articles()).extracting(Article::title).containsExactly("A");
    assertThat(site.requestsFor("/")).as("the start page is read for its links").hasSize(1);
    assertThat(site.requestsFor("/blog/c")).isEmpty();
    assertThat(site.requestsFor("/help/legacy/b")).isEmpty();
    assertThat(site.requestsFor("/help/manual.pdf")).isEmpty();
  }

  @Test
  void sync_rejectsOversizedPagesAndOtherContentTypes_keepingTheRest() {
    site.html("/help/a", page("A", "<p>Alpha.</p><a href=\"/help/big\">big</a><a href=\"/help/logo\">logo</a>"));
    site.html("/help/big", page("Big", "<p>" + "x".repeat(5_000) + "</p>"));
    site.respond("/help/logo", new Response(200, "image/png", "PNG", null));

    SyncReport report = syncOf("/help/a").sync();

    assertThat(report.articles()).extracting(Article::title).containsExactly("A");
    assertThat(report.errors()).extracting(SyncError::message)
        .anySatisfy(message -> assertThat(message).contains("larger than 4096 bytes"))
        .anySatisfy(message -> assertThat(message).contains("unsupported content type 'image/png'"));
  }

  @Test
  void sync_updatesStatusAndIsDueAfterThePollInterval() {
    site.html("/help/a", page("A", "<p>Alpha.</p><a href=\"/help/b\">B</a>"));
    site.html("/help/b", page("B", "<p>Beta.</p>"));
    WebSync sync = syncOf("/help/a");
    assertThat(sync.isDue()).isTrue();

    sync.sync();

    SourceStatus status = statuses.status("help-site").orElseThrow();
    assertThat(status.kind()).isEqualTo("web");
    assertThat(status.running()).isFalse();
    assertThat(status.documents()).isEqualTo(2);
    assertThat(status.done()).isEqualTo(2);
    assertThat(status.total()).isEqualTo(2);
    assertThat(status.lastFinished()).contains(NOON);
    assertThat(sync.isDue()).as("the fixed clock has not moved").isFalse();
  }

  @Test
  void webSource_acceptsOnlyHttpAndHttpsUrls() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new WebSource("x", List.of(URI.create("file:///etc/passwd")),
        List.of(), List.of(), List.of(), Duration.ofMinutes(5))).hasMessageContaining("only http and https");
  }
}
