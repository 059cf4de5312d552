package baton.knowledge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code baton eval intents}: measures the bot's brain on a public intent data set. Each intent
 * becomes one FAQ topic whose phrasings are its training utterances; the confidence model and the
 * answer bound are fitted on the validation split only; the test split is then scored once.
 *
 * <p>An answer counts as right only when the bot answers (probability at or above the bound) with the
 * intent's topic; a handoff of an in-scope question counts as wrong. Out-of-scope questions (CLINC150's
 * {@code oos}) are right only when handed off. Not thread-safe; one run at a time.
 */
public final class IntentEvaluation {
  /** Label of questions that have no answer in the knowledge. */
  public static final String OUT_OF_SCOPE = "oos";

  public enum Format { CLINC150, BANKING77 }

  /** One labelled question. */
  public record Labelled(String text, String intent) {
    boolean outOfScope() {
      return OUT_OF_SCOPE.equals(intent);
    }
  }

  /**
   * The three splits; {@code validation} and {@code test} may hold out-of-scope questions.
   * {@code negatives} are out-of-scope training questions (CLINC150's {@code oos_train}), used only
   * when asked for: they become one more topic, and choosing it means handing off.
   */
  public record DataSet(String name, List<Labelled> train, List<Labelled> negatives, List<Labelled> validation,
      List<Labelled> test) {}

  /** One point of the coverage–precision curve. */
  public record CurvePoint(double bound, double coverage, double precision) {}

  public record Report(String dataSet, boolean usedNegatives, double validationTopOneAccuracy, int intents, int trainPhrasings, int validationQuestions, int testQuestions,
      int testOutOfScope, double targetPrecision, double answerBound, double[] confidenceWeights,
      double topOneAccuracy, double inScopeAccuracy, double outOfScopeRecall, double coverage, double precision,
      double precisionAtCoverage80, double latencyP50Millis, double latencyP99Millis, double indexSeconds,
      List<CurvePoint> curve) {

    /** A terminal table of the headline figures. */
    public String toTable() {
      var table = new StringBuilder();
      table.append(String.format(Locale.ROOT, "%s: %d intents, %d training phrasings, %d validation and %d test questions (%d out of scope)%n",
          dataSet, intents, trainPhrasings, validationQuestions, testQuestions, testOutOfScope));
      table.append(String.format(Locale.ROOT, "answer bound %.3f, fitted on validation for precision >= %.2f; out-of-scope training negatives: %s%n",
          answerBound, targetPrecision, usedNegatives ? "used" : "not used"));
      row(table, "validation top-1 accuracy", validationTopOneAccuracy);
      row(table, "top-1 accuracy (answer everything)", topOneAccuracy);
      row(table, "in-scope accuracy (handoff = wrong)", inScopeAccuracy);
      row(table, "out-of-scope recall (handed off)", outOfScopeRecall);
      row(table, "coverage (answered share)", coverage);
      row(table, "precision among answered", precision);
      row(table, "best precision at coverage >= 80%", precisionAtCoverage80);
      table.append(String.format(Locale.ROOT, "%-40s %8.2f ms / %.2f ms%n", "turn latency p50 / p99", latencyP50Millis, latencyP99Millis));
      table.append(String.format(Locale.ROOT, "%-40s %8.1f s%n", "index build (embed + train)", indexSeconds));
      table.append("coverage–precision curve:\n    bound  coverage  precision\n");
      for (CurvePoint point : curve) {
        table.append(String.format(Locale.ROOT, "   %6.3f  %8.3f  %9.3f%n", point.bound(), point.coverage(), point.precision()));
      }
      return table.toString();
    }

    private static void row(StringBuilder table, String name, double value) {
      table.append(String.format(Locale.ROOT, "%-40s %8.1f %%%n", name, 100 * value));
    }

    /** The curve as a small standalone SVG chart. */
    public String curveSvg() {
      var svg = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"420\" height=\"320\" font-family=\"sans-serif\" font-size=\"11\">\n");
      svg.append("<rect width=\"420\" height=\"320\" fill=\"white\"/>\n");
      svg.append("<text x=\"210\" y=\"16\" text-anchor=\"middle\">").append(dataSet).append(": precision vs coverage (test)</text>\n");
      svg.append("<line x1=\"50\" y1=\"280\" x2=\"400\" y2=\"280\" stroke=\"black\"/><line x1=\"50\" y1=\"30\" x2=\"50\" y2=\"280\" stroke=\"black\"/>\n");
      svg.append("<text x=\"225\" y=\"310\" text-anchor=\"middle\">coverage</text><text x=\"12\" y=\"155\" transform=\"rotate(-90 12 155)\" text-anchor=\"middle\">precision</text>\n");
      for (int tick = 0; tick <= 10; tick += 2) {
        double value = tick / 10.0;
        svg.append(String.format(Locale.ROOT, "<text x=\"%.0f\" y=\"294\" text-anchor=\"middle\">%.1f</text>", 50 + 350 * value, value));
        svg.append(String.format(Locale.ROOT, "<text x=\"44\" y=\"%.0f\" text-anchor=\"end\">%.2f</text>%n", 280 - 250 * value, 0.5 + value / 2));
      }
      svg.append("<polyline fill=\"none\" stroke=\"#1f6feb\" stroke-width=\"2\" points=\"");
      for (CurvePoint point : curve) {
        double y = Math.max(0, (point.precision() - 0.5) * 2);
        svg.append(String.format(Locale.ROOT, "%.1f,%.1f ", 50 + 350 * point.coverage(), 280 - 250 * y));
      }
      svg.append("\"/>\n</svg>\n");
      return svg.toString();
    }
  }

  private final SentenceEmbedder embedder;
  private final Consumer<String> progress;

  public IntentEvaluation(SentenceEmbedder embedder, Consumer<String> progress) {
    this.embedder = embedder;
    this.progress = progress;
  }

  public static DataSet read(Format format, Path path) throws IOException {
    return switch (format) {
      case CLINC150 -> readClinc(path);
      case BANKING77 -> readBanking(path);
    };
  }

  /** CLINC150's data_full.json: {@code train}, {@code val}, {@code test} and their {@code oos_*} twins. */
  static DataSet readClinc(Path file) throws IOException {
    JsonNode root = new ObjectMapper().readTree(file.toFile());
    return new DataSet("CLINC150 (" + file.getFileName() + ")", pairs(root, "train"), pairs(root, "oos_train"),
        concat(pairs(root, "val"), pairs(root, "oos_val")), concat(pairs(root, "test"), pairs(root, "oos_test")));
  }

  private static List<Labelled> pairs(JsonNode root, String split) throws IOException {
    JsonNode rows = root.get(split);
    if (rows == null || !rows.isArray()) {
      throw new IOException("no \"" + split + "\" array: is this CLINC150's data_full.json?");
    }
    List<Labelled> out = new ArrayList<>();
    for (JsonNode row : rows) {
      out.add(new Labelled(row.get(0).asText(), row.get(1).asText()));
    }
    return out;
  }

  /**
   * Banking77's train.csv and test.csv ({@code text,category}). It has no validation split, so every
   * fifth training row of each category is held out for fitting, deterministically.
   */
  static DataSet readBanking(Path dir) throws IOException {
    List<Labelled> all = csv(dir.resolve("train.csv"));
    Map<String, Integer> seen = new LinkedHashMap<>();
    List<Labelled> train = new ArrayList<>();
    List<Labelled> validation = new ArrayList<>();
    for (Labelled row : all) {
      int n = seen.merge(row.intent(), 1, Integer::sum);
      (n % 5 == 0 ? validation : train).add(row);
    }
    return new DataSet("Banking77", train, List.of(), validation, csv(dir.resolve("test.csv")));
  }

  private static List<Labelled> csv(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException(file + " not found: Banking77 needs train.csv and test.csv in the folder");
    }
    List<Labelled> out = new ArrayList<>();
    try (MappingIterator<Map<String, String>> rows = new CsvMapper().readerFor(Map.class)
        .with(CsvSchema.emptySchema().withHeader()).readValues(file.toFile())) {
      while (rows.hasNext()) {
        Map<String, String> row = rows.next();
        out.add(new Labelled(row.get("text"), row.get("category")));
      }
    }
    return out;
  }

  private static List<Labelled> concat(List<Labelled> a, List<Labelled> b) {
    List<Labelled> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  /** One article per intent, its single passage recognised by the intent's training utterances. */
  public static List<Article> topics(List<Labelled> train) {
    Map<String, List<String>> phrasings = new LinkedHashMap<>();
    for (Labelled row : train) {
      phrasings.computeIfAbsent(row.intent(), intent -> new ArrayList<>()).add(row.text());
    }
    List<Article> articles = new ArrayList<>();
    phrasings.forEach((intent, texts) -> {
      String title = intent.replace('_', ' ');
      var passage = new Passage(title, title, "Answer for " + title + ".", "/kb/" + intent, texts);
      articles.add(new Article(intent, title, "# " + title, List.of(passage)));
    });
    return articles;
  }

  public Report run(DataSet data, double targetPrecision, boolean useNegatives) {
    long started = System.nanoTime();
    List<Labelled> training = new ArrayList<>(data.train());
    if (useNegatives) {
      training.addAll(data.negatives());
    }
    progress.accept("indexing " + training.size() + " training phrasings…");
    try (var knowledge = KnowledgeBase.of(topics(training), new VectorCache(embedder))) {
      double indexSeconds = (System.nanoTime() - started) / 1e9;
      progress.accept(String.format(Locale.ROOT, "indexed in %.1f s; fitting on %d validation questions…", indexSeconds, data.validation().size()));
      List<Retrieval> validation = new ArrayList<>();
      List<Boolean> validationRight = new ArrayList<>();
      int validationInScope = 0;
      int validationTopOne = 0;
      for (Labelled row : data.validation()) {
        Retrieval retrieval = knowledge.retrieve(row.text(), 5);
        validation.add(retrieval);
        validationRight.add(right(retrieval, row));
        if (!row.outOfScope()) {
          validationInScope++;
          validationTopOne += right(retrieval, row) ? 1 : 0;
        }
      }
      AnswerConfidence confidence = AnswerConfidence.fit(validation, validationRight);
      List<ConfidenceBounds.Outcome> fitted = new ArrayList<>();
      for (int i = 0; i < validation.size(); i++) {
        // Choosing the out-of-scope topic is a handoff whatever the probability: it never answers.
        double probability = refuses(validation.get(i)) ? 0 : confidence.probability(validation.get(i));
        fitted.add(new ConfidenceBounds.Outcome(probability, validationRight.get(i)));
      }
      double bound = ConfidenceBounds.boundForPrecision(fitted, targetPrecision);
      progress.accept(String.format(Locale.ROOT, "bound %.3f; scoring %d test questions…", bound, data.test().size()));

      List<ConfidenceBounds.Outcome> test = new ArrayList<>();
      long[] latencies = new long[data.test().size()];
      int inScope = 0, outOfScope = 0, topOne = 0, inScopeRight = 0, refused = 0, answered = 0, answeredRight = 0;
      for (int i = 0; i < data.test().size(); i++) {
        Labelled row = data.test().get(i);
        long turn = System.nanoTime();
        Retrieval retrieval = knowledge.retrieve(row.text(), 5);
        double probability = refuses(retrieval) ? 0 : confidence.probability(retrieval);
        latencies[i] = System.nanoTime() - turn;
        boolean right = right(retrieval, row);
        boolean answers = probability >= bound;
        test.add(new ConfidenceBounds.Outcome(probability, right));
        if (row.outOfScope()) {
          outOfScope++;
          refused += answers ? 0 : 1;
        } else {
          inScope++;
          topOne += right ? 1 : 0;
          inScopeRight += right && answers ? 1 : 0;
        }
        if (answers) {
          answered++;
          answeredRight += right ? 1 : 0;
        }
      }
      Arrays.sort(latencies);
      List<CurvePoint> curve = curve(test);
      double atCoverage80 = curve.stream().filter(point -> point.coverage() >= 0.8)
          .mapToDouble(CurvePoint::precision).max().orElse(0);
      return new Report(data.name(), useNegatives, ratio(validationTopOne, validationInScope), data.train().size() == training.size()
          ? knowledge.articles().size() : knowledge.articles().size() - 1, training.size(), data.validation().size(),
          data.test().size(), outOfScope, targetPrecision, bound, confidence.weights(), ratio(topOne, inScope),
          ratio(inScopeRight, inScope), outOfScope == 0 ? Double.NaN : ratio(refused, outOfScope),
          ratio(answered, data.test().size()), ratio(answeredRight, answered), atCoverage80,
          latencies[latencies.length / 2] / 1e6, latencies[(int) (latencies.length * 0.99)] / 1e6, indexSeconds, curve);
    }
  }

  private static boolean refuses(Retrieval retrieval) {
    return retrieval.best().map(best -> best.passage().url().equals("/kb/" + OUT_OF_SCOPE)).orElse(false);
  }

  private static boolean right(Retrieval retrieval, Labelled row) {
    return !row.outOfScope() && retrieval.best().map(best -> best.passage().url().equals("/kb/" + row.intent())).orElse(false);
  }

  private static double ratio(int part, int whole) {
    return whole == 0 ? 0 : part / (double) whole;
  }

  /** Coverage and precision when answering the top k% most confident questions, k = 5, 10, … 100. */
  static List<CurvePoint> curve(List<ConfidenceBounds.Outcome> outcomes) {
    List<ConfidenceBounds.Outcome> sorted = new ArrayList<>(outcomes);
    sorted.sort((a, b) -> Double.compare(b.probability(), a.probability()));
    List<CurvePoint> curve = new ArrayList<>();
    int right = 0;
    int next = 1;
    for (int i = 0; i < sorted.size(); i++) {
      right += sorted.get(i).correct() ? 1 : 0;
      if ((i + 1) * 20 >= next * sorted.size()) {
        curve.add(new CurvePoint(sorted.get(i).probability(), (i + 1) / (double) sorted.size(), right / (double) (i + 1)));
        next++;
      }
    }
    return curve;
  }
}
