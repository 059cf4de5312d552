package baton.knowledge;

import static java.util.Objects.requireNonNull;

/**
 * One section of one help article: the unit the bot quotes. {@code url} points at the article page
 * with the section's anchor, so a citation lands on the quoted text.
 */
public record Passage(String articleTitle, String heading, String text, String url) {
  public Passage {
    requireNonNull(articleTitle, "articleTitle");
    requireNonNull(heading, "heading");
    requireNonNull(text, "text");
    requireNonNull(url, "url");
  }
}
