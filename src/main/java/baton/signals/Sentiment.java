package baton.signals;

/**
 * How positive or negative one text reads, VADER-style.
 *
 * @param compound the normalised sum of all valences, in [-1, 1]; the single figure to threshold
 *     (the VADER convention: at least 0.05 positive, at most -0.05 negative, neutral between)
 * @param positive share of the text's sentiment mass that is positive, in [0, 1]
 * @param neutral share carried by words with no sentiment, in [0, 1]
 * @param negative share that is negative, in [0, 1]; the three shares add up to 1
 */
public record Sentiment(double compound, double positive, double neutral, double negative) {
  /** What a text with no sentiment-bearing words scores, including an empty one. */
  public static final Sentiment NEUTRAL = new Sentiment(0, 0, 1, 0);

  public Sentiment {
    if (!(compound >= -1 && compound <= 1)) {
      throw new IllegalArgumentException("compound out of [-1, 1]: " + compound);
    }
  }

  public boolean isPositive() {
    return compound >= 0.05;
  }

  public boolean isNegative() {
    return compound <= -0.05;
  }
}
