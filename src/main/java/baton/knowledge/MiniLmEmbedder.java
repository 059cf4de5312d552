package baton.knowledge;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The quantized all-MiniLM-L6-v2 sentence encoder (384 dimensions), run in process by ONNX Runtime
 * from the model file inside the jar: nothing is downloaded and no text leaves the machine.
 *
 * <p>The tokenizer library beneath it (DJL) calls a cloud metadata address and an analytics URL on
 * first use unless told it is offline, so {@link #load} sets those switches before the first class
 * of that library is touched. One loaded model is shared per JVM ({@link #shared}): it is immutable,
 * costs about 200 MiB of native memory and a second or so to load, and gives the same vectors to
 * everyone. Thread-safe: ONNX Runtime sessions may run concurrently.
 */
public final class MiniLmEmbedder implements SentenceEmbedder {
  private static final Object LOCK = new Object();
  private static MiniLmEmbedder shared;

  private final AllMiniLmL6V2QuantizedEmbeddingModel model;
  private final ExecutorService batchThreads;

  private MiniLmEmbedder(AllMiniLmL6V2QuantizedEmbeddingModel model, ExecutorService batchThreads) {
    this.model = model;
    this.batchThreads = batchThreads;
  }

  /**
   * The JVM's one loaded model, loading it on first use. {@code workDir} receives the native
   * libraries' caches; only the first caller's folder is used.
   */
  public static MiniLmEmbedder shared(Path workDir) {
    synchronized (LOCK) {
      if (shared == null) {
        shared = load(workDir);
      }
      return shared;
    }
  }

  private static MiniLmEmbedder load(Path workDir) {
    stayOffline(workDir);
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    ExecutorService batchThreads = Executors.newFixedThreadPool(threads, Thread.ofPlatform().daemon().name("embed-", 0).factory());
    return new MiniLmEmbedder(new AllMiniLmL6V2QuantizedEmbeddingModel(batchThreads), batchThreads);
  }

  /** Must run before DJL's classes load: they read these once. */
  static void stayOffline(Path workDir) {
    System.setProperty("offline", "true");
    System.setProperty("OPT_OUT_TRACKING", "true");
    System.setProperty("ORT_DISABLE_TELEMETRY", "1");
    Path cache = workDir.resolve("model-cache").toAbsolutePath();
    System.setProperty("DJL_CACHE_DIR", cache.toString());
    System.setProperty("ENGINE_CACHE_DIR", cache.toString());
  }

  @Override
  public int dimension() {
    return 384;
  }

  @Override
  public float[] embed(String text) {
    if (text.isBlank()) {
      return new float[dimension()];
    }
    return model.embed(text).content().vector();
  }

  @Override
  public List<float[]> embedAll(List<String> texts) {
    List<float[]> vectors = new ArrayList<>(texts.size());
    List<TextSegment> segments = new ArrayList<>();
    List<Integer> positions = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      vectors.add(new float[dimension()]);
      if (!texts.get(i).isBlank()) {
        segments.add(TextSegment.from(texts.get(i)));
        positions.add(i);
      }
    }
    if (!segments.isEmpty()) {
      var embedded = model.embedAll(segments).content();
      for (int i = 0; i < embedded.size(); i++) {
        vectors.set(positions.get(i), embedded.get(i).vector());
      }
    }
    return vectors;
  }

  @Override
  public String toString() {
    return "all-MiniLM-L6-v2 (quantized, 384 dimensions)";
  }
}
