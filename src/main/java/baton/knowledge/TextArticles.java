package baton.knowledge;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads plain-text help documents. The first non-blank line is the title; the rest is split at blank
 * lines into paragraphs, and neighbouring paragraphs are grouped into passages of up to about
 * {@value #PASSAGE_CHARS} characters: plain text has no headings to split at, and a passage must be
 * short enough to quote yet long enough to answer. A paragraph longer than that is split between
 * sentences. Passages have no anchors, since plain text has nothing to land on. Stateless, thread-safe.
 */
public final class TextArticles {
  static final int PASSAGE_CHARS = 1_200;

  /** A local file, cited at {@code /kb/{slug}}. */
  public Article parseFile(String slug, String text) {
    return parse(slug, text, "/kb/" + slug);
  }

  /** A fetched {@code text/plain} page, cited at its URL. */
  public Article parsePage(String slug, URI page, String text) {
    return parse(slug, text, HtmlArticles.withoutFragment(page));
  }

  private static Article parse(String slug, String text, String url) {
    String normalised = text.replace("\r\n", "\n").replace('\r', '\n').strip();
    int newline = normalised.indexOf('\n');
    String title = (newline < 0 ? normalised : normalised.substring(0, newline)).strip();
    String rest = newline < 0 ? "" : normalised.substring(newline + 1);
    if (title.isEmpty()) {
      title = slug;
    }
    List<String> paragraphs = new ArrayList<>();
    for (String paragraph : rest.split("\\n\\s*\\n")) {
      String tidy = HtmlArticles.tidy(paragraph);
      if (!tidy.isEmpty()) {
        paragraphs.addAll(split(tidy));
      }
    }
    List<Passage> passages = new ArrayList<>();
    StringBuilder markdown = new StringBuilder("# ").append(HtmlArticles.escapeMarkdown(title)).append("\n\n");
    StringBuilder chunk = new StringBuilder();
    for (String paragraph : paragraphs) {
      if (!chunk.isEmpty() && chunk.length() + 2 + paragraph.length() > PASSAGE_CHARS) {
        passages.add(new Passage(title, title, chunk.toString(), url));
        chunk.setLength(0);
      }
      chunk.append(chunk.isEmpty() ? "" : "\n\n").append(paragraph);
      markdown.append(HtmlArticles.markdownParagraphs(paragraph)).append("\n\n");
    }
    if (!chunk.isEmpty()) {
      passages.add(new Passage(title, title, chunk.toString(), url));
    }
    if (passages.isEmpty()) {
      passages.add(new Passage(title, title, title, url));
    }
    return new Article(slug, title, markdown.toString(), passages);
  }

  /** Splits an over-long paragraph between sentences, or between words when a sentence is too long. */
  private static List<String> split(String paragraph) {
    if (paragraph.length() <= PASSAGE_CHARS) {
      return List.of(paragraph);
    }
    List<String> pieces = new ArrayList<>();
    StringBuilder piece = new StringBuilder();
    for (String sentence : paragraph.split("(?<=[.!?])\\s+")) {
      for (String part : sentence.length() <= PASSAGE_CHARS ? List.of(sentence) : words(sentence)) {
        if (!piece.isEmpty() && piece.length() + 1 + part.length() > PASSAGE_CHARS) {
          pieces.add(piece.toString());
          piece.setLength(0);
        }
        piece.append(piece.isEmpty() ? "" : " ").append(part);
      }
    }
    if (!piece.isEmpty()) {
      pieces.add(piece.toString());
    }
    return pieces;
  }

  private static List<String> words(String sentence) {
    List<String> parts = new ArrayList<>();
    StringBuilder part = new StringBuilder();
    for (String word : sentence.split("\\s+")) {
      if (!part.isEmpty() && part.length() + 1 + word.length() > PASSAGE_CHARS) {
        parts.add(part.toString());
        part.setLength(0);
      }
      part.append(part.isEmpty() ? "" : " ").append(word.length() > PASSAGE_CHARS ? word.substring(0, PASSAGE_CHARS) : word);
    }
    if (!part.isEmpty()) {
      parts.add(part.toString());
    }
    return parts;
  }
}
