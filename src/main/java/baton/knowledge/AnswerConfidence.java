package baton.knowledge;

import java.util.List;
import java.util.Locale;

/**
 * Turns a retrieval into the probability that its best candidate is the right answer. Raw retrieval
 * scores are not probabilities: a BM25 score of 7 or a cosine of 0.62 means different things in
 * different knowledge bases. A logistic model over a few scale-free features of the retrieval (how
 * close the nearest sample is, how far ahead of the runner-up, what the topic classifier thinks,
 * whether keyword search agrees) is fitted on held-out questions whose right answer is known, so that
 * "0.9" means right nine times in ten on data like that.
 *
 * <p>{@link #DEFAULT} was fitted by {@code baton eval intents --format banking77} on a held-out part
 * of Banking77's training split (customer-support questions; see docs/benchmarks.md); a spec can
 * refit on its own labelled questions. Immutable and thread-safe.
 *
 * @param weights the intercept, then one weight per feature in {@link #FEATURES} order
 */
public record AnswerConfidence(double[] weights) {
  public static final List<String> FEATURES =
      List.of("semantic", "semanticMargin", "topicProbability", "topicMargin", "lexicalAgrees", "lexicalScore");

  /**
   * Fitted on Banking77 (indexed from 80% of its training split, fitted on the other 20%) by
   * {@code baton eval intents --format banking77 --json}; see docs/benchmarks.md.
   */
  public static final AnswerConfidence DEFAULT = new AnswerConfidence(
      new double[] {-2.3934, 2.2699, 7.6892, 1.2828, 2.1051, 0.6350, -0.3852});

  public AnswerConfidence {
    if (weights.length != FEATURES.size() + 1) {
      throw new IllegalArgumentException("expected " + (FEATURES.size() + 1) + " weights, got " + weights.length);
    }
    weights = weights.clone();
  }

  @Override
  public double[] weights() {
    return weights.clone();
  }

  /** The calibrated probability that {@code retrieval}'s best candidate answers its question. */
  public double probability(Retrieval retrieval) {
    if (retrieval.candidates().isEmpty()) {
      return 0;
    }
    return sigmoid(score(weights, features(retrieval)));
  }

  static double[] features(Retrieval retrieval) {
    List<Candidate> candidates = retrieval.candidates();
    Candidate best = candidates.getFirst();
    double secondSemantic = 0;
    double secondTopic = 0;
    for (Candidate other : candidates.subList(1, candidates.size())) {
      secondSemantic = Math.max(secondSemantic, other.semantic());
      secondTopic = Math.max(secondTopic, other.topicProbability());
    }
    return new double[] {
      best.semantic(),
      best.semantic() - secondSemantic,
      best.topicProbability(),
      best.topicProbability() - secondTopic,
      best.lexicalRank() == 1 ? 1 : 0,
      best.lexical() / (best.lexical() + 5)
    };
  }

  /**
   * Fits a model on retrievals whose correctness is known (L2-regularised logistic regression by
   * gradient descent; the features are all of order one, so no scaling is needed).
   */
  public static AnswerConfidence fit(List<Retrieval> retrievals, List<Boolean> correct) {
    if (retrievals.size() != correct.size() || retrievals.isEmpty()) {
      throw new IllegalArgumentException("need as many labels as retrievals, and at least one");
    }
    double[][] x = retrievals.stream().map(r -> r.candidates().isEmpty() ? new double[FEATURES.size()] : features(r))
        .toArray(double[][]::new);
    double[] w = new double[FEATURES.size() + 1];
    double rate = 1.0;
    double l2 = 1e-4;
    for (int iteration = 0; iteration < 3_000; iteration++) {
      double[] gradient = new double[w.length];
      for (int i = 0; i < x.length; i++) {
        double error = sigmoid(score(w, x[i])) - (correct.get(i) ? 1 : 0);
        gradient[0] += error;
        for (int f = 0; f < x[i].length; f++) {
          gradient[f + 1] += error * x[i][f];
        }
      }
      for (int j = 0; j < w.length; j++) {
        w[j] -= rate * (gradient[j] / x.length + (j == 0 ? 0 : l2 * w[j]));
      }
    }
    return new AnswerConfidence(w);
  }

  private static double score(double[] w, double[] features) {
    double z = w[0];
    for (int f = 0; f < features.length; f++) {
      z += w[f + 1] * features[f];
    }
    return z;
  }

  private static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }

  /** The model as Java source, for pasting a refit into {@link #DEFAULT}. */
  public String describe() {
    var text = new StringBuilder("new double[] {");
    for (int i = 0; i < weights.length; i++) {
      text.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.4f", weights[i]));
    }
    return text.append('}').toString();
  }
}
