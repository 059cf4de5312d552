package baton.knowledge;

import baton.platform.HttpRoutes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;
import java.util.function.Supplier;
import org.commonmark.node.Heading;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.text.TextContentRenderer;

/**
 * Serves the help articles that bot answers cite, at {@code /kb/{slug}}, with an anchor on every
 * section heading so a citation opens at the quoted passage. Raw HTML in articles is escaped.
 */
public final class KnowledgeRoutes implements HttpRoutes {
  private final Supplier<KnowledgeBase> knowledge;
  private final Parser parser = Parser.builder().build();
  private final TextContentRenderer text = TextContentRenderer.builder().build();
  private final HtmlRenderer html = HtmlRenderer.builder()
      .escapeHtml(true)
      .sanitizeUrls(true)
      .attributeProviderFactory(context -> (node, tag, attributes) -> {
        if (node instanceof Heading heading) {
          attributes.put("id", MarkdownArticles.anchor(text.render(heading).strip()));
        }
      })
      .build();

  public KnowledgeRoutes(Supplier<KnowledgeBase> knowledge) {
    this.knowledge = knowledge;
  }

  @Override
  public void addTo(RoutesConfig routes) {
    routes.get("/kb", this::index);
    routes.get("/kb/{slug}", ctx -> article(ctx, ctx.pathParam("slug")));
    // Entries approved in the learning loop (LearningLoop): /kb/learned/{slug}.
    routes.get("/kb/learned/{slug}", ctx -> article(ctx, LearnedEntry.SLUG_PREFIX + ctx.pathParam("slug")));
    routes.get("/api/knowledge/articles", ctx -> ctx.json(Map.of("articles", knowledge.get().articles().stream()
        .map(article -> Map.of("slug", article.slug(), "title", article.title(), "url", "/kb/" + article.slug(),
            "sections", article.passages().size()))
        .toList())));
  }

  private void index(Context ctx) {
    StringBuilder list = new StringBuilder("<h1>Help centre</h1><ul>");
    for (Article article : knowledge.get().articles()) {
      list.append("<li><a href=\"/kb/").append(escape(article.slug())).append("\">").append(escape(article.title()))
          .append("</a></li>");
    }
    ctx.html(page("Help centre", list.append("</ul>").toString()));
  }

  private void article(Context ctx, String slug) {
    var article = knowledge.get().article(slug);
    if (article.isEmpty()) {
      ctx.status(404).html(page("Not found", "<h1>Article not found</h1><p><a href=\"/kb\">All help articles</a></p>"));
      return;
    }
    ctx.html(page(article.get().title(),
        html.render(parser.parse(article.get().markdown())) + "<p><a href=\"/kb\">All help articles</a></p>"));
  }

  private static String page(String title, String body) {
    return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\""
        + " content=\"width=device-width, initial-scale=1\"><title>" + escape(title)
        + "</title><link rel=\"stylesheet\" href=\"/kb.css\"></head><body><main>" + body + "</main></body></html>";
  }

  static String escape(String value) {
    StringBuilder out = new StringBuilder(value.length());
    for (char c : value.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

}
