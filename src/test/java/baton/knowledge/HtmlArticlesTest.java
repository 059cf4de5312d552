package baton.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.stream.Collectors;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.junit.jupiter.api.Test;

class HtmlArticlesTest {
  private final HtmlArticles html = new HtmlArticles();

  private static final String SHIPPING_PAGE = """
      <!doctype html><html><head><title>Shipping | Acme Help</title>
      <style>body { color: red }</style><script>trackVisitor()</script></head>
      <body>
        <header class="site-header"><a href="/">Acme</a> Site header words</header>
        <nav><a href="/a">Menu link one</a></nav>
        <div class="cookie-banner">We use cookies to improve your experience</div>
        <ul class="breadcrumbs"><li>Home</li><li>Help</li></ul>
        <main>
          <h1 id="top">Shipping</h1>
          <p>Everything about getting your order.</p>
          <h2>International</h2>
          <p>We ship to 40 countries.</p>
          <h3 id="customs-duties">Customs</h3>
          <p>Duties are paid by the recipient.</p>
          <ul><li>EU: no duties</li><li>UK: duties over 135 GBP</li></ul>
          <h2>Domestic</h2>
          <p>Standard delivery takes 3 to 5 days.</p>
          <aside>Related: Returns sidebar</aside>
          <div role="navigation">Next article</div>
        </main>
        <footer>Copyright Acme footer words</footer>
      </body></html>
      """;

  @Test
  void parse_keepsOnlyTheMainContent_withoutNavigationCookieBannersOrFooters() {
    Article article = html.parseFile("shipping", SHIPPING_PAGE);

    String allText = article.passages().stream().map(Passage::text).collect(Collectors.joining("\n"));
    assertThat(allText).contains("We ship to 40 countries.", "Duties are paid by the recipient.")
        .doesNotContain("Site header words", "Menu link one", "cookies", "Home", "sidebar", "Next article",
            "footer words", "trackVisitor", "color: red");
    assertThat(article.title()).isEqualTo("Shipping");
  }

  @Test
  void parse_usesTheHeadingPathAsTheSectionHeading() {
    Article article = html.parseFile("shipping", SHIPPING_PAGE);

    assertThat(article.passages()).extracting(Passage::heading)
        .containsExactly("Shipping", "Shipping › International", "Shipping › International › Customs",
            "Shipping › Domestic");
    Passage customs = article.passages().get(2);
    assertThat(customs.text()).isEqualTo("Duties are paid by the recipient.\n\n- EU: no duties\n- UK: duties over 135 GBP");
  }

  @Test
  void parseFile_anchorsMatchTheIdsOfTheArticlePageBatonServes() {
    Article article = html.parseFile("shipping", SHIPPING_PAGE);

    assertThat(article.passages().get(2).url()).isEqualTo("/kb/shipping#customs");
    String page = HtmlRenderer.builder().escapeHtml(true).build().render(Parser.builder().build().parse(article.markdown()));
    assertThat(page).contains("<h3>Customs</h3>", "Duties are paid by the recipient.");
  }

  @Test
  void parsePage_anchorsUseTheHeadingsOwnIdElseASlugOfItsText() {
    Article article = html.parsePage("acme-shipping", URI.create("https://help.acme.test/shipping"), SHIPPING_PAGE);

    assertThat(article.passages()).extracting(Passage::url).containsExactly(
        "https://help.acme.test/shipping#top", "https://help.acme.test/shipping#international",
        "https://help.acme.test/shipping#customs-duties", "https://help.acme.test/shipping#domestic");
  }

  @Test
  void parse_withoutMain_readsTheSingleArticleAndItsHeaderTitle() {
    Article article = html.parseFile("returns", """
        <body><div id="sidebar">Popular articles</div>
        <article><header><h1>Returns</h1></header><p>Return within 30 days.</p></article>
        <div class="footer-links">About us</div></body>
        """);

    assertThat(article.title()).isEqualTo("Returns");
    assertThat(article.passages()).singleElement().satisfies(passage -> {
      assertThat(passage.heading()).isEqualTo("Returns");
      assertThat(passage.text()).isEqualTo("Return within 30 days.");
    });
  }

  @Test
  void parse_withoutHeadings_takesTheTitleElementAndCitesThePage() {
    Article article = html.parseFile("hours", "<title>Opening hours</title><p>We are open 9 to 5.</p>");

    assertThat(article.title()).isEqualTo("Opening hours");
    assertThat(article.passages()).singleElement().extracting(Passage::heading, Passage::text, Passage::url)
        .containsExactly("Opening hours", "We are open 9 to 5.", "/kb/hours");
    assertThat(article.markdown()).startsWith("# Opening hours");
  }

  @Test
  void parse_hostileHtml_neverReachesPassageTextOrTheArticlePage() {
    Article article = html.parseFile("evil", """
        <h1 onclick="alert('h1')">Account <script>alert('in heading')</script>help</h1>
        <p onmouseover="alert('hover')">Reset your password <a href="javascript:alert('link')">here</a>.</p>
        <img src=x onerror="alert('img')"><iframe src="javascript:alert('frame')"></iframe>
        <svg onload="alert('svg')"><script>alert('svg script')</script></svg>
        <style>@import 'javascript:alert(1)';</style>
        <template><script>alert('template')</script></template>
        <noscript><img src=x onerror=alert('noscript')></noscript>
        """);

    String text = article.title() + article.passages().stream()
        .map(passage -> passage.heading() + passage.text() + passage.url()).collect(Collectors.joining());
    assertThat(text).doesNotContainIgnoringCase("alert").doesNotContain("onclick=\"", "onerror", "javascript:alert('link')")
        .contains("Reset your password here.");
    assertThat(article.title()).isEqualTo("Account help");
  }

  @Test
  void textThatLooksLikeMarkup_isQuotedAsText_andStaysTextOnTheArticlePage() {
    Article article = html.parseFile("doc",
        "<p>Type &lt;b onclick=x&gt; to embolden, or see [a link](javascript:alert('md')).</p>");

    assertThat(article.passages().getFirst().text())
        .isEqualTo("Type <b onclick=x> to embolden, or see [a link](javascript:alert('md')).");
    String page = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build()
        .render(Parser.builder().build().parse(article.markdown()));
    assertThat(page).doesNotContain("<a ", "<b ").contains("&lt;b onclick=x&gt;");
  }
}
