package baton.knowledge;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The confidence policy: answer at or above {@code answerAbove}; between the bounds ask a clarifying
 * question offering the top candidates; below {@code clarifyAbove} hand off.
 */
public record ConfidenceBounds(double answerAbove, double clarifyAbove) {
  public ConfidenceBounds {
    if (!(answerAbove >= 0 && answerAbove <= 1 && clarifyAbove >= 0 && clarifyAbove <= answerAbove)) {
      throw new IllegalArgumentException("need 0 <= clarifyAbove <= answerAbove <= 1");
    }
  }

  /** One held-out question: the calibrated probability, and whether the best candidate was right. */
  public record Outcome(double probability, boolean correct) {}

  /**
   * The lowest answer bound whose answered share of {@code outcomes} is at least {@code precision}
   * right, which answers as many questions as that precision allows. Questions that have no right
   * answer in the knowledge (out of scope) count as wrong whenever they would be answered. Returns 1
   * (never answer) when no bound reaches the precision.
   */
  public static double boundForPrecision(List<Outcome> outcomes, double precision) {
    List<Outcome> sorted = new ArrayList<>(outcomes);
    sorted.sort(Comparator.comparingDouble(Outcome::probability).reversed());
    double bound = 1.0;
    int right = 0;
    for (int i = 0; i < sorted.size(); i++) {
      right += sorted.get(i).correct() ? 1 : 0;
      boolean lastOfTies = i + 1 == sorted.size() || sorted.get(i + 1).probability() < sorted.get(i).probability();
      if (lastOfTies && right >= precision * (i + 1)) {
        bound = sorted.get(i).probability();
      }
    }
    return bound;
  }
}
