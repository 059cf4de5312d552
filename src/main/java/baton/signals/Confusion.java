package baton.signals;

import java.util.EnumMap;
import java.util.Map;

/**
 * Counts of (truth, prediction) pairs over a closed set of classes, and the usual scores derived from
 * them. Mutable while counting; not thread-safe. {@link #counts()} hands out a copy.
 */
final class Confusion<C extends Enum<C>> {
  private final Class<C> type;
  private final long[][] counts;
  private long total;

  Confusion(Class<C> type) {
    this.type = type;
    int size = type.getEnumConstants().length;
    this.counts = new long[size][size];
  }

  void add(C truth, C predicted) {
    counts[truth.ordinal()][predicted.ordinal()]++;
    total++;
  }

  long total() {
    return total;
  }

  /** Truth to prediction to count, every cell present, in the enum's order. */
  Map<C, Map<C, Long>> counts() {
    Map<C, Map<C, Long>> rows = new EnumMap<>(type);
    for (C truth : type.getEnumConstants()) {
      Map<C, Long> row = new EnumMap<>(type);
      for (C predicted : type.getEnumConstants()) {
        row.put(predicted, counts[truth.ordinal()][predicted.ordinal()]);
      }
      rows.put(truth, row);
    }
    return rows;
  }

  ClassScores scores(C label) {
    int k = label.ordinal();
    long truePositives = counts[k][k];
    long predicted = 0;
    long actual = 0;
    for (int other = 0; other < counts.length; other++) {
      predicted += counts[other][k];
      actual += counts[k][other];
    }
    double precision = predicted == 0 ? 0 : (double) truePositives / predicted;
    double recall = actual == 0 ? 0 : (double) truePositives / actual;
    double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    return new ClassScores(precision, recall, f1, actual);
  }

  Map<C, ClassScores> perClass() {
    Map<C, ClassScores> scores = new EnumMap<>(type);
    for (C label : type.getEnumConstants()) {
      scores.put(label, scores(label));
    }
    return scores;
  }

  /** Share of all items classified right; in single-label tasks this is also micro-averaged F1. */
  double accuracy() {
    long right = 0;
    for (int k = 0; k < counts.length; k++) {
      right += counts[k][k];
    }
    return total == 0 ? 0 : (double) right / total;
  }

  /** Unweighted mean of the per-class F1: every class counts the same, however rare. */
  double macroF1() {
    return perClass().values().stream().mapToDouble(ClassScores::f1).average().orElse(0);
  }

  /** Per-class F1 weighted by how many items truly are in that class (scikit-learn "weighted"). */
  double weightedF1() {
    return weighted(ClassScores::f1);
  }

  double weightedPrecision() {
    return weighted(ClassScores::precision);
  }

  double weightedRecall() {
    return weighted(ClassScores::recall);
  }

  private double weighted(java.util.function.ToDoubleFunction<ClassScores> measure) {
    if (total == 0) {
      return 0;
    }
    return perClass().values().stream().mapToDouble(s -> measure.applyAsDouble(s) * s.support()).sum() / total;
  }
}
