package baton.knowledge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * Time to index 10,000 sections from nothing (every passage embedded, BM25 and HNSW built), then to
 * re-index after one article changed (the vector cache makes that an incremental embed), and the heap
 * the index holds. A plain main, not JMH: one cold build is what an operator waits for.
 * Run with bench/index-build.sh.
 */
public final class IndexBuildBenchmark {
  private IndexBuildBenchmark() {}

  public static void main(String[] args) throws IOException {
    JsonNode data = new ObjectMapper().readTree(BotTurnBenchmark.CLINC.toFile());
    List<String> utterances = new ArrayList<>();
    data.get("train").forEach(row -> utterances.add(row.get(0).asText()));
    List<Article> articles = BotTurnBenchmark.articles(utterances, 2_000, 5);
    long before = BotTurnBenchmark.usedHeapMiB();
    long loading = System.nanoTime();
    var vectors = new VectorCache(MiniLmEmbedder.shared(Files.createTempDirectory("baton-bench")));
    vectors.embedder().embed("warm up");
    System.out.printf("model loaded in %.1f s%n", (System.nanoTime() - loading) / 1e9);
    long started = System.nanoTime();
    KnowledgeBase knowledge = KnowledgeBase.of(articles, vectors);
    System.out.printf("cold build: %d passages (%d embedded) in %.1f s%n", knowledge.passageCount(), vectors.lastEmbedded(),
        (System.nanoTime() - started) / 1e9);
    System.out.printf("heap held by the index and vector cache: %d MiB%n", BotTurnBenchmark.usedHeapMiB() - before);
    List<Article> changed = new ArrayList<>(articles);
    Article first = changed.getFirst();
    changed.set(0, new Article(first.slug(), first.title(), first.markdown(), first.passages().stream()
        .map(p -> new Passage(p.articleTitle(), p.heading(), p.text() + " Updated today.", p.url())).toList()));
    started = System.nanoTime();
    KnowledgeBase rebuilt = KnowledgeBase.of(changed, vectors);
    System.out.printf("rebuild after one article changed: %d embedded in %.1f s%n", vectors.lastEmbedded(),
        (System.nanoTime() - started) / 1e9);
    knowledge.close();
    rebuilt.close();
    System.exit(0);
  }
}
