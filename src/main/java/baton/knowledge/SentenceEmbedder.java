package baton.knowledge;

import java.util.List;

/**
 * Turns text into a unit-length vector whose dot product with another measures how alike their
 * meanings are. Implementations must be thread-safe and deterministic: the same text always gives
 * the same vector, which is what lets an index reuse the vectors of unchanged passages.
 */
public interface SentenceEmbedder {

  int dimension();

  /** A unit vector for {@code text}; blank text gives the zero vector. */
  float[] embed(String text);

  /** Vectors for many texts, in order; implementations may spread the work over several threads. */
  default List<float[]> embedAll(List<String> texts) {
    return texts.stream().map(this::embed).toList();
  }
}
