package baton.knowledge;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A linear soft-max classifier over sentence vectors: which passage is this question about? It is
 * trained on the passages' own sample questions (an FAQ's phrasings, an article section's heading
 * and text) every time the index is built. Nearest-neighbour similarity alone reads each sample in
 * isolation; the classifier learns which directions of the vector space separate one topic from its
 * neighbours, which on intent data sets lifts top-1 accuracy by several points (see
 * docs/benchmarks.md).
 *
 * <p>Training is plain stochastic gradient descent with a fixed seed, so the same knowledge gives the
 * same model. Cost grows with samples × topics × dimensions; {@link #worthTraining} keeps it to a few
 * seconds. Immutable and thread-safe once built.
 */
final class TopicClassifier {
  private static final int EPOCHS = 10;
  private static final double LEARNING_RATE = 0.5;
  private static final double L2 = 1e-5;
  /** Samples × topics bound: about 10 s of training on one core. */
  private static final long MAX_WORK = 3_000_000L;

  private final double[][] weights;
  private final int dimension;

  private TopicClassifier(double[][] weights, int dimension) {
    this.weights = weights;
    this.dimension = dimension;
  }

  static boolean worthTraining(int topics, int samples) {
    return topics >= 2 && (long) topics * samples <= MAX_WORK;
  }

  /** @param topicOfSample for each sample vector, the index of its topic in {@code [0, topics)} */
  static TopicClassifier train(List<float[]> samples, int[] topicOfSample, int topics, int dimension) {
    double[][] weights = new double[topics][dimension + 1];
    int[] order = new int[samples.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    var random = new SplittableRandom(7);
    double[] scores = new double[topics];
    for (int epoch = 0; epoch < EPOCHS; epoch++) {
      for (int i = order.length - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int swap = order[i];
        order[i] = order[j];
        order[j] = swap;
      }
      for (int sample : order) {
        float[] x = samples.get(sample);
        probabilities(weights, x, dimension, scores);
        int truth = topicOfSample[sample];
        for (int topic = 0; topic < topics; topic++) {
          double gradient = scores[topic] - (topic == truth ? 1 : 0);
          double[] w = weights[topic];
          for (int d = 0; d < dimension; d++) {
            w[d] -= LEARNING_RATE * (gradient * x[d] + L2 * w[d]);
          }
          w[dimension] -= LEARNING_RATE * gradient;
        }
      }
    }
    return new TopicClassifier(weights, dimension);
  }

  /** The probability of each topic for this question vector; they sum to 1. */
  double[] probabilities(float[] question) {
    double[] out = new double[weights.length];
    probabilities(weights, question, dimension, out);
    return out;
  }

  private static void probabilities(double[][] weights, float[] x, int dimension, double[] out) {
    double max = Double.NEGATIVE_INFINITY;
    for (int topic = 0; topic < weights.length; topic++) {
      double[] w = weights[topic];
      double score = w[dimension];
      for (int d = 0; d < dimension; d++) {
        score += w[d] * x[d];
      }
      out[topic] = score;
      max = Math.max(max, score);
    }
    double sum = 0;
    for (int topic = 0; topic < weights.length; topic++) {
      out[topic] = Math.exp(out[topic] - max);
      sum += out[topic];
    }
    for (int topic = 0; topic < weights.length; topic++) {
      out[topic] /= sum;
    }
  }
}
