package baton.knowledge;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import baton.platform.CpuSlots;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
 *
 * <p>The session runs each sentence on the calling thread alone, with no spinning worker threads
 * (the library's default is a pool as wide as the machine whose idle threads spin). A support server
 * embeds many short sentences from many requests at once, so parallelism comes from the requests;
 * on two cores the default burned 3.6 ms of CPU per sentence and topped out at about 570 sentences/s,
 * this setting 2.5 ms and about 810/s, with identical vectors (docs/benchmarks.md, "Profile").
 */
public final class MiniLmEmbedder implements SentenceEmbedder {
  private static final Object LOCK = new Object();
  private static MiniLmEmbedder shared;

  private static final String MODEL_FILE = "/all-minilm-l6-v2-q.onnx";
  private static final String TOKENIZER_FILE = "/all-minilm-l6-v2-q-tokenizer.json";

  private final AbstractInProcessEmbeddingModel model;
  private final ExecutorService batchThreads;
  /**
   * Where single sentences are encoded. A native call holds the thread that makes it, and requests run
   * on virtual threads over one carrier per core: encoding on the request's own thread held a carrier
   * for 3 ms at a time, and with both carriers encoding, every other request (replies, socket frames,
   * agents' clicks) waited. On platform threads of their own the request parks instead and the
   * operating system shares the cores.
   */
  private final CpuSlots sentenceThreads;

  private MiniLmEmbedder(AbstractInProcessEmbeddingModel model, ExecutorService batchThreads, CpuSlots sentenceThreads) {
    this.model = model;
    this.batchThreads = batchThreads;
    this.sentenceThreads = sentenceThreads;
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
    return new MiniLmEmbedder(new SingleThreadedRuns(batchThreads), batchThreads, new CpuSlots(threads));
  }

  /** The packaged model and tokenizer under a session that runs each call on its caller's thread. */
  private static final class SingleThreadedRuns extends AbstractInProcessEmbeddingModel {
    private final OnnxBertBiEncoder encoder;

    SingleThreadedRuns(ExecutorService batchThreads) {
      super(batchThreads);
      try (InputStream modelFile = packaged(MODEL_FILE);
          InputStream tokenizer = packaged(TOKENIZER_FILE);
          OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
        options.setIntraOpNumThreads(1);
        options.setInterOpNumThreads(1);
        options.addConfigEntry("session.intra_op.allow_spinning", "0");
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        encoder = new OnnxBertBiEncoder(environment, environment.createSession(modelFile.readAllBytes(), options), tokenizer,
            PoolingMode.MEAN);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the packaged sentence model", e);
      } catch (OrtException e) {
        throw new IllegalStateException("ONNX Runtime cannot load the packaged sentence model", e);
      }
    }

    private static InputStream packaged(String resource) {
      // The class literal does not initialise the library's own model class, so its session is never built.
      InputStream in = AllMiniLmL6V2QuantizedEmbeddingModel.class.getResourceAsStream(resource);
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the classpath");
      }
      return in;
    }

    @Override
    protected OnnxBertBiEncoder model() {
      return encoder;
    }

    @Override
    protected Integer knownDimension() {
      return 384;
    }
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
    if (!Thread.currentThread().isVirtual()) {
      return model.embed(text).content().vector();
    }
    return sentenceThreads.run(() -> model.embed(text).content().vector());
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
