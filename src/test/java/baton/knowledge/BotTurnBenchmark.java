package baton.knowledge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One full bot turn — embed the question, BM25 + HNSW + fusion, calibrated probability — on a
 * knowledge base of 1,000 articles (5,000 sections, 10,000 sample vectors). The articles are built
 * from CLINC150's training utterances (../shared/datasets), so that the text and the questions are
 * real customer-style language; the questions are CLINC150's test utterances.
 * Run with bench/bot-turn.sh; figures go to docs/benchmarks.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.SampleTime, Mode.Throughput})
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class BotTurnBenchmark {
  static final Path CLINC = Path.of("..", "shared", "datasets", "clinc150", "data_full.json");

  KnowledgeBase knowledge;
  List<String> questions;

  @State(Scope.Thread)
  public static class Cursor {
    int next;
  }

  @Setup(Level.Trial)
  public void build() throws IOException {
    JsonNode data = new ObjectMapper().readTree(CLINC.toFile());
    List<String> utterances = new ArrayList<>();
    data.get("train").forEach(row -> utterances.add(row.get(0).asText()));
    questions = new ArrayList<>();
    data.get("test").forEach(row -> questions.add(row.get(0).asText()));
    List<Article> articles = articles(utterances, 1_000, 5);
    var embedder = MiniLmEmbedder.shared(Files.createTempDirectory("baton-bench"));
    long started = System.nanoTime();
    knowledge = KnowledgeBase.of(articles, new VectorCache(embedder));
    System.out.printf("%nindex of %d passages built in %.1f s; heap used after GC: %d MiB%n", knowledge.passageCount(),
        (System.nanoTime() - started) / 1e9, usedHeapMiB());
  }

  /** {@code count} articles of {@code sections} sections, each section four utterances, seeded. */
  static List<Article> articles(List<String> utterances, int count, int sections) {
    var random = new SplittableRandom(42);
    List<Article> articles = new ArrayList<>();
    for (int a = 0; a < count; a++) {
      String title = "Article " + a + ": " + utterances.get(random.nextInt(utterances.size()));
      List<Passage> passages = new ArrayList<>();
      for (int s = 0; s < sections; s++) {
        String heading = utterances.get(random.nextInt(utterances.size()));
        var text = new StringBuilder();
        for (int u = 0; u < 4; u++) {
          text.append(utterances.get(random.nextInt(utterances.size()))).append(". ");
        }
        passages.add(new Passage(title, heading, text.toString().strip(), "/kb/a" + a + "#s" + s));
      }
      articles.add(new Article("a" + a, title, "# " + title, passages));
    }
    return articles;
  }

  static long usedHeapMiB() {
    System.gc();
    Runtime runtime = Runtime.getRuntime();
    return (runtime.totalMemory() - runtime.freeMemory()) >> 20;
  }

  @TearDown(Level.Trial)
  public void close() {
    knowledge.close();
  }

  @Benchmark
  public double botTurn(Cursor cursor) {
    String question = questions.get(cursor.next++ % questions.size());
    Retrieval retrieval = knowledge.retrieve(question, 5);
    return AnswerConfidence.DEFAULT.probability(retrieval);
  }
}
