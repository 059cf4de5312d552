package baton.signals;

/** The three classes of the VADER evaluation protocol. */
public enum Polarity {
  POSITIVE, NEUTRAL, NEGATIVE;

  /** The paper's thresholds: at least 0.05 is positive, at most -0.05 negative, on a [-1, 1] score. */
  public static Polarity of(double normalisedScore) {
    if (normalisedScore >= 0.05) {
      return POSITIVE;
    }
    return normalisedScore <= -0.05 ? NEGATIVE : NEUTRAL;
  }
}
