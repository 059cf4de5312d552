package baton.conversation;

import static java.util.Objects.requireNonNull;

/** Where a bot answer came from, shown to the customer as a link. */
public record Citation(String title, String url) {
  public Citation {
    requireNonNull(title, "title");
    requireNonNull(url, "url");
  }
}
