package baton.knowledge;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A help article as read from its file: its slug (file name), title, Markdown source and sections. */
public record Article(String slug, String title, String markdown, List<Passage> passages) {
  public Article {
    requireNonNull(slug, "slug");
    requireNonNull(title, "title");
    requireNonNull(markdown, "markdown");
    passages = List.copyOf(passages);
  }
}
