package baton.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.text.TextContentRenderer;

/**
 * Reads a folder of Markdown help articles. The first level-1 heading is the title (else the file
 * name); each level-2 heading starts a section, and text before the first one is the article's
 * introduction. Section text is plain text: the bot quotes it verbatim. Stateless, thread-safe.
 */
public final class MarkdownArticles {
  private final Parser parser = Parser.builder().build();
  private final TextContentRenderer text = TextContentRenderer.builder().build();

  public Article parse(String slug, String markdown) {
    Node document = parser.parse(markdown);
    String title = slug;
    List<Passage> passages = new ArrayList<>();
    String heading = null;
    StringBuilder body = new StringBuilder();
    for (Node node = document.getFirstChild(); node != null; node = node.getNext()) {
      if (node instanceof Heading h && h.getLevel() == 1 && title.equals(slug)) {
        title = text.render(h).strip();
        continue;
      }
      if (node instanceof Heading h && h.getLevel() == 2) {
        addPassage(passages, slug, title, heading, body);
        heading = text.render(h).strip();
        body.setLength(0);
        continue;
      }
      body.append(text.render(node).strip()).append("\n\n");
    }
    addPassage(passages, slug, title, heading, body);
    return new Article(slug, title, markdown, passages);
  }

  private static void addPassage(List<Passage> passages, String slug, String title, String heading, StringBuilder body) {
    String content = body.toString().strip();
    if (content.isEmpty()) {
      return;
    }
    String section = heading == null ? title : heading;
    String url = "/kb/" + slug + (heading == null ? "" : "#" + anchor(heading));
    passages.add(new Passage(title, section, content, url));
  }

  /** The same anchor the article page gives the heading: lower case, words joined by hyphens. */
  static String anchor(String heading) {
    return heading.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
  }
}
