package baton.knowledge;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One section of one help article, or one FAQ answer: the unit the bot quotes. {@code url} points at
 * the page with the section's anchor, so a citation lands on the quoted text. {@code phrasings} are
 * other ways customers ask for it (an FAQ's alternative questions); they are searched, never quoted.
 */
public record Passage(String articleTitle, String heading, String text, String url, List<String> phrasings) {
  public Passage {
    requireNonNull(articleTitle, "articleTitle");
    requireNonNull(heading, "heading");
    requireNonNull(text, "text");
    requireNonNull(url, "url");
    phrasings = List.copyOf(phrasings);
  }

  public Passage(String articleTitle, String heading, String text, String url) {
    this(articleTitle, heading, text, url, List.of());
  }

  /** How citations, options and evidence name the passage: "Article › Section", or the title alone for its lead section. */
  public String citationTitle() {
    return heading.equals(articleTitle) ? articleTitle : articleTitle + " › " + heading;
  }

  Passage withPhrasings(List<String> more) {
    return new Passage(articleTitle, heading, text, url, more);
  }
}
