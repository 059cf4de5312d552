package baton.knowledge;

import java.util.Locale;

/**
 * A fast, deterministic stand-in for the sentence model in unit tests: each lower-cased word adds
 * one unit to a hashed dimension, and the sum is normalised. Texts sharing words are similar; it knows
 * no synonyms, which is exactly what keeps tests about ranking and fusion readable. Thread-safe.
 */
public final class WordHashEmbedder implements SentenceEmbedder {
  private static final int DIMENSION = 64;

  @Override
  public int dimension() {
    return DIMENSION;
  }

  @Override
  public float[] embed(String text) {
    float[] vector = new float[DIMENSION];
    for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      if (!word.isEmpty()) {
        vector[Math.floorMod(word.hashCode(), DIMENSION)] += 1;
      }
    }
    double norm = 0;
    for (float value : vector) {
      norm += value * value;
    }
    if (norm > 0) {
      for (int i = 0; i < DIMENSION; i++) {
        vector[i] /= (float) Math.sqrt(norm);
      }
    }
    return vector;
  }

  public static VectorCache cache() {
    return new VectorCache(new WordHashEmbedder());
  }
}
