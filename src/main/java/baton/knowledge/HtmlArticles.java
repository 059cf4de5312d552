package baton.knowledge;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Reads HTML help pages into articles. The page is cleaned first: scripts, styles, forms, navigation,
 * site headers and footers, sidebars and cookie banners go (by tag, by ARIA role, and by class or id
 * words such as {@code nav}, {@code footer}, {@code cookie}); when the page has a {@code main} or a
 * single {@code article}, only that is read. The content is split at every h1–h3, and a section's
 * heading is its path ("Shipping › International › Customs"), because a bare "Customs" means little
 * once quoted away from its page.
 *
 * <p>Only text nodes reach passage text: markup, attributes (so {@code on*} handlers) and link targets
 * (so {@code javascript:} URLs) never do, and script, style and template bodies are removed outright.
 *
 * <p>Anchors differ by where a citation lands. A local file is served by Baton at {@code /kb/{slug}}
 * from the article's Markdown, whose headings get ids from their text, so its anchors are the slug of
 * the heading text. A web page is cited at its own URL, so its anchors are the heading's own id
 * (falling back to the slug of its text). Stateless, thread-safe.
 */
public final class HtmlArticles {
  static final String PATH_SEPARATOR = " › ";
  private static final String REMOVED_TAGS = "script, style, noscript, template, iframe, frame, frameset, object, embed,"
      + " svg, canvas, nav, aside, form, button, input, select, textarea, dialog, footer, [hidden], [aria-hidden=true]";
  private static final Set<String> BOILERPLATE_ROLES =
      Set.of("navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alertdialog", "menu", "menubar");
  /** Words in a class or id that mark chrome rather than content; matched as whole words of the name. */
  private static final Set<String> BOILERPLATE_WORDS = Set.of("nav", "navbar", "navigation", "menu", "breadcrumb",
      "breadcrumbs", "footer", "cookie", "cookies", "consent", "gdpr", "sidebar", "skip", "skiplink", "masthead", "toolbar");
  private static final Pattern WORD_SEPARATORS = Pattern.compile("[^a-z0-9]+");
  private static final Set<String> BLOCKS = Set.of("p", "div", "section", "article", "main", "header", "ul", "ol",
      "table", "thead", "tbody", "blockquote", "pre", "h4", "h5", "h6", "dl", "figure", "hr", "address", "details");
  private static final Set<String> LINES = Set.of("li", "tr", "br", "dt", "dd", "figcaption", "summary", "caption");

  /** A local file, cited at {@code /kb/{slug}#anchor}. */
  public Article parseFile(String slug, String html) {
    Document document = Jsoup.parse(html);
    return parse(slug, document, "/kb/" + slug, false);
  }

  /** A local file as bytes; the encoding comes from a byte-order mark or meta tag, else UTF-8. */
  public Article parseFile(String slug, byte[] html) {
    return parse(slug, decode(html, null, ""), "/kb/" + slug, false);
  }

  /** A fetched web page as bytes; {@code charset} is from the Content-Type header, or null. */
  public Article parsePage(String slug, URI page, byte[] html, String charset) {
    return parse(slug, decode(html, charset, page.toString()), withoutFragment(page), true);
  }

  private static Document decode(byte[] html, String charset, String baseUri) {
    try {
      return Jsoup.parse(new ByteArrayInputStream(html), charset, baseUri);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // cannot happen when reading from memory
    }
  }

  /** A fetched web page, cited at {@code page#anchor}. */
  public Article parsePage(String slug, URI page, String html) {
    Document document = Jsoup.parse(html, page.toString());
    return parse(slug, document, withoutFragment(page), true);
  }

  static String withoutFragment(URI page) {
    String url = page.toString();
    int hash = url.indexOf('#');
    return hash < 0 ? url : url.substring(0, hash);
  }

  private Article parse(String slug, Document document, String baseUrl, boolean ownAnchors) {
    Element root = content(document);
    clean(root);
    Element firstH1 = root.selectFirst("h1");
    String title = firstH1 != null && !firstH1.text().isBlank() ? firstH1.text().strip()
        : !document.title().isBlank() ? document.title().strip() : slug;
    var sections = new Sections(title, baseUrl, ownAnchors);
    sections.walk(root);
    sections.flush();
    return new Article(slug, title, sections.markdown(firstH1 == null), sections.passages);
  }

  /** The part of the page that is content: its main, else its one article, else the body. */
  private static Element content(Document document) {
    Element main = document.selectFirst("main, [role=main]");
    if (main != null) {
      return main;
    }
    var articles = document.select("article");
    return articles.size() == 1 ? articles.getFirst() : document.body();
  }

  private static void clean(Element root) {
    root.select(REMOVED_TAGS).remove();
    // A header inside an article usually holds its h1; the page's own header is site chrome.
    for (Element header : root.select("header")) {
      if (header.closest("article") == null || header.closest("article") == header) {
        header.remove();
      }
    }
    for (Element element : root.select("[role], [class], [id]")) {
      if (element != root && element.parent() != null && boilerplate(element)) {
        element.remove();
      }
    }
  }

  private static boolean boilerplate(Element element) {
    if (BOILERPLATE_ROLES.contains(element.attr("role").toLowerCase(Locale.ROOT).strip())) {
      return true;
    }
    if (element.normalName().matches("h[1-6]")) {
      return false; // a heading is content whatever its class says
    }
    for (String name : List.of(element.className(), element.id())) {
      for (String word : WORD_SEPARATORS.split(name.toLowerCase(Locale.ROOT))) {
        if (BOILERPLATE_WORDS.contains(word)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Accumulates sections while walking the content in document order. */
  private static final class Sections {
    private final String title;
    private final String baseUrl;
    private final boolean ownAnchors;
    private final List<Passage> passages = new ArrayList<>();
    private final StringBuilder markdown = new StringBuilder();
    private final String[] path = new String[3];
    private int level;
    private String anchor;
    private final StringBuilder body = new StringBuilder();

    Sections(String title, String baseUrl, boolean ownAnchors) {
      this.title = title;
      this.baseUrl = baseUrl;
      this.ownAnchors = ownAnchors;
    }

    void walk(Node node) {
      for (Node child : node.childNodes()) {
        if (child instanceof TextNode text) {
          body.append(text.getWholeText().replaceAll("\\s+", " "));
        } else if (child instanceof Element element) {
          String tag = element.normalName();
          if (tag.equals("h1") || tag.equals("h2") || tag.equals("h3")) {
            heading(element, tag.charAt(1) - '0');
          } else if (tag.equals("pre")) {
            body.append("\n\n").append(element.wholeText()).append("\n\n");
          } else {
            boolean block = BLOCKS.contains(tag);
            boolean line = LINES.contains(tag);
            body.append(block ? "\n\n" : line ? "\n" : "");
            if (tag.equals("li")) {
              body.append("- ");
            }
            walk(element);
            body.append(block ? "\n\n" : line && !tag.equals("br") ? "\n" : "");
          }
        }
      }
    }

    private void heading(Element element, int headingLevel) {
      flush();
      String text = element.text().strip();
      if (text.isEmpty()) {
        return;
      }
      path[headingLevel - 1] = text;
      for (int deeper = headingLevel; deeper < path.length; deeper++) {
        path[deeper] = null;
      }
      level = headingLevel;
      anchor = ownAnchors ? ownAnchor(element, text) : MarkdownArticles.anchor(text);
      markdown.append("#".repeat(headingLevel)).append(' ').append(escapeMarkdown(text)).append("\n\n");
    }

    private static String ownAnchor(Element heading, String text) {
      if (!heading.id().isBlank()) {
        return heading.id();
      }
      Element named = heading.selectFirst("a[id], a[name]");
      if (named != null) {
        return named.hasAttr("id") ? named.id() : named.attr("name");
      }
      return MarkdownArticles.anchor(text);
    }

    void flush() {
      String text = tidy(body);
      body.setLength(0);
      if (text.isEmpty()) {
        return;
      }
      markdown.append(markdownParagraphs(text)).append("\n\n");
      List<String> headings = new ArrayList<>();
      for (int i = 0; i < level; i++) {
        if (path[i] != null) {
          headings.add(path[i]);
        }
      }
      String heading = headings.isEmpty() ? title : String.join(PATH_SEPARATOR, headings);
      String url = anchor == null || anchor.isEmpty() ? baseUrl : baseUrl + "#" + anchor;
      passages.add(new Passage(title, heading, text, url));
    }

    String markdown(boolean needsTitle) {
      return needsTitle ? "# " + escapeMarkdown(title) + "\n\n" + markdown : markdown.toString();
    }
  }

  /** Trims every line, drops empty bullets and keeps at most one blank line between paragraphs. */
  static String tidy(CharSequence raw) {
    StringBuilder out = new StringBuilder();
    int blank = 0;
    for (String line : raw.toString().replace('\u00a0', ' ').split("\n", -1)) {
      String trimmed = line.strip().replaceAll("[ \\t\\x0B\\f\\r]+", " ");
      if (trimmed.isEmpty() || trimmed.equals("-")) {
        blank++;
        continue;
      }
      if (!out.isEmpty()) {
        out.append(blank > 0 && !(trimmed.startsWith("- ") && blank == 1) ? "\n\n" : "\n");
      }
      out.append(trimmed);
      blank = 0;
    }
    return out.toString();
  }

  /** Escaped paragraphs whose single line breaks (list items, table rows) stay line breaks. */
  static String markdownParagraphs(String text) {
    List<String> paragraphs = new ArrayList<>();
    for (String paragraph : text.split("\n\n")) {
      paragraphs.add(escapeMarkdown(paragraph).replace("\n", "\\\n"));
    }
    return String.join("\n\n", paragraphs);
  }

  /**
   * Backslash-escapes every ASCII punctuation character, so text from a page is shown as text on the
   * article page and can never turn into Markdown links, images or raw HTML there.
   */
  static String escapeMarkdown(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (char c : text.toCharArray()) {
      if (c < 128 && "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".indexOf(c) >= 0) {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }
}
