package baton.conversation;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * One committed line of a transcript. {@code seq} is gap-free and strictly increasing per
 * conversation, which is what clients resume from. {@code authorName} and {@code clientId} may be null.
 */
public record Message(
    long seq, Author author, String authorName, String text, Instant createdAt, List<Citation> citations, String clientId) {
  public Message {
    requireNonNull(author, "author");
    requireNonNull(text, "text");
    requireNonNull(createdAt, "createdAt");
    citations = List.copyOf(citations);
  }
}
