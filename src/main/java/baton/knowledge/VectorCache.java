package baton.knowledge;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sentence vectors by exact text, kept across index rebuilds so a sync embeds only the passages and
 * phrasings whose text changed; embedding is by far the slowest part of indexing. After each build
 * the cache keeps only the texts that build used, so deleted content does not linger. Thread-safe.
 */
public final class VectorCache {
  private final SentenceEmbedder embedder;
  private final Map<String, float[]> vectors = new ConcurrentHashMap<>();
  private volatile int lastEmbedded;

  public VectorCache(SentenceEmbedder embedder) {
    this.embedder = embedder;
  }

  public SentenceEmbedder embedder() {
    return embedder;
  }

  /** Vectors for these texts, embedding in one batch only those not seen before. */
  List<float[]> vectorsFor(List<String> texts) {
    List<String> missing = new ArrayList<>(new HashSet<>(texts.stream().filter(text -> !vectors.containsKey(text)).toList()));
    if (!missing.isEmpty()) {
      List<float[]> embedded = embedder.embedAll(missing);
      for (int i = 0; i < missing.size(); i++) {
        vectors.put(missing.get(i), embedded.get(i));
      }
    }
    lastEmbedded = missing.size();
    return texts.stream().map(vectors::get).toList();
  }

  /** Drops every vector whose text is not in {@code texts}. */
  void retainOnly(List<String> texts) {
    vectors.keySet().retainAll(new HashSet<>(texts));
  }

  /** How many texts the last {@link #vectorsFor} call had to embed. */
  public int lastEmbedded() {
    return lastEmbedded;
  }

  public int size() {
    return vectors.size();
  }
}
