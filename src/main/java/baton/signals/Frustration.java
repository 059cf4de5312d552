package baton.signals;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * How frustrated one customer turn reads, with the reasons, so a decision log can show an agent why.
 *
 * @param level the verdict
 * @param sentiment the turn's sentiment, one of the inputs
 * @param cues what fired, in plain words with the words that fired it, e.g.
 *     {@code says it is not the first time ("third time")}; empty when nothing did
 */
public record Frustration(FrustrationLevel level, Sentiment sentiment, List<String> cues) {
  public Frustration {
    requireNonNull(level);
    requireNonNull(sentiment);
    cues = List.copyOf(cues);
  }
}
