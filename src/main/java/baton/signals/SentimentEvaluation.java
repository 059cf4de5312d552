package baton.signals;

import static java.util.Objects.requireNonNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Measures {@link SentimentScorer} against the VADER ground truth (sentences rated by about 20 people on
 * -4..+4) and {@link FrustrationDetector} against Baton's hand-labelled support set.
 *
 * <p>Protocol for sentiment, from the VADER paper: the human mean rating is normalised to [-1, 1] by
 * dividing by 4, both it and our compound are cut into positive / neutral / negative at ±0.05, and the
 * two classifications are compared. Stateless apart from its two scorers; thread-safe.
 */
public final class SentimentEvaluation {
  /** The hand-labelled support set on the classpath: {@code label<TAB>text}, labels none/mild/high. */
  public static final String SUPPORT_SET = "signals/support-frustration.tsv";
  /**
   * A second set in the same format, labelled after the detector's first version; the development set
   * of its second version.
   */
  public static final String SUPPORT_HOLDOUT = "signals/support-frustration-holdout.tsv";
  /** A third set, labelled before the second version was written and never used to change it. */
  public static final String SUPPORT_TEST = "signals/support-frustration-test.tsv";
  /** Where the shared data sets sit relative to a checkout, when they are there at all. */
  public static final Path DEFAULT_GROUND_TRUTH = Path.of("..", "shared", "datasets", "vader-groundtruth");

  private final SentimentScorer scorer;
  private final FrustrationDetector detector;

  public SentimentEvaluation(SentimentScorer scorer, FrustrationDetector detector) {
    this.scorer = requireNonNull(scorer);
    this.detector = requireNonNull(detector);
  }

  /** One sentence of the ground truth. */
  public record RatedText(String id, double meanRating, String text) {}

  /** One message of a frustration set, with its hand label. */
  public record LabelledTurn(FrustrationLevel level, String text) {}

  /** Every {@code *_GroundTruth.txt} in the directory, by file name, plus the three support sets. */
  public Report evaluate(Path groundTruthDirectory) throws IOException {
    if (!Files.isDirectory(groundTruthDirectory)) {
      throw new NoSuchFileException(groundTruthDirectory.toString(), null, "no ground-truth directory");
    }
    List<Report.CorpusResult> corpora = new ArrayList<>();
    try (Stream<Path> files = Files.list(groundTruthDirectory)) {
      for (Path file : files.filter(f -> f.getFileName().toString().endsWith("_GroundTruth.txt")).sorted().toList()) {
        corpora.add(evaluateGroundTruth(file));
      }
    }
    return new Report(corpora, evaluateSupportSets());
  }

  /** The main, held-out and test support sets shipped with Baton, in that order. */
  public List<Report.FrustrationResult> evaluateSupportSets() {
    return List.of(evaluateFrustration(SUPPORT_SET, labelledTurns(SUPPORT_SET)),
        evaluateFrustration(SUPPORT_HOLDOUT, labelledTurns(SUPPORT_HOLDOUT)),
        evaluateFrustration(SUPPORT_TEST, labelledTurns(SUPPORT_TEST)));
  }

  public Report.CorpusResult evaluateGroundTruth(Path file) throws IOException {
    return evaluateGroundTruth(file.getFileName().toString(), readGroundTruth(file));
  }

  public Report.CorpusResult evaluateGroundTruth(String corpus, List<RatedText> sentences) {
    Confusion<Polarity> confusion = new Confusion<>(Polarity.class);
    double[] human = new double[sentences.size()];
    double[] ours = new double[sentences.size()];
    int signed = 0;
    int sameSign = 0;
    for (int i = 0; i < sentences.size(); i++) {
      RatedText sentence = sentences.get(i);
      human[i] = sentence.meanRating();
      ours[i] = scorer.score(sentence.text()).compound();
      confusion.add(Polarity.of(sentence.meanRating() / 4), Polarity.of(ours[i]));
      // The two-class view: does our compound lean the way the raters did (ours >= 0 counts as positive)?
      if (human[i] != 0) {
        signed++;
        sameSign += (human[i] > 0) == (ours[i] >= 0) ? 1 : 0;
      }
    }
    return new Report.CorpusResult(corpus, confusion.total(), confusion.accuracy(), confusion.macroF1(),
        confusion.weightedF1(), confusion.weightedPrecision(), confusion.weightedRecall(),
        confusion.scores(Polarity.NEGATIVE), pearson(human, ours), confusion.counts(), signed == 0 ? 0 : sameSign / (double) signed);
  }

  public Report.FrustrationResult evaluateFrustration(String source, List<LabelledTurn> turns) {
    Confusion<FrustrationLevel> confusion = new Confusion<>(FrustrationLevel.class);
    List<Report.Mistake> mistakes = new ArrayList<>();
    for (LabelledTurn turn : turns) {
      Frustration frustration = detector.assess(turn.text());
      confusion.add(turn.level(), frustration.level());
      if (frustration.level() != turn.level()) {
        mistakes.add(new Report.Mistake(turn.level(), frustration.level(), turn.text(), frustration.cues()));
      }
    }
    return new Report.FrustrationResult(source, confusion.total(), confusion.accuracy(), confusion.macroF1(),
        confusion.perClass(), confusion.counts(), mistakes);
  }

  /** Reads {@code id<TAB>mean rating<TAB>text} lines; blank lines are skipped. */
  public static List<RatedText> readGroundTruth(Path file) throws IOException {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return readGroundTruth(reader, file.toString());
    }
  }

  static List<RatedText> readGroundTruth(Reader source, String name) throws IOException {
    List<RatedText> sentences = new ArrayList<>();
    BufferedReader reader = new BufferedReader(source);
    String line;
    int number = 0;
    while ((line = reader.readLine()) != null) {
      number++;
      if (line.isBlank()) {
        continue;
      }
      String[] fields = line.split("\t", 3);
      if (fields.length < 3) {
        throw new IOException(name + ":" + number + ": expected id<TAB>rating<TAB>text");
      }
      sentences.add(new RatedText(fields[0].strip(), Double.parseDouble(fields[1].strip()), fields[2].strip()));
    }
    return sentences;
  }

  /** The main support set shipped with Baton. */
  public static List<LabelledTurn> supportSet() {
    return labelledTurns(SUPPORT_SET);
  }

  /** A labelled set from the classpath, such as {@link #SUPPORT_SET} or {@link #SUPPORT_HOLDOUT}. */
  public static List<LabelledTurn> labelledTurns(String resource) {
    InputStream in = SentimentEvaluation.class.getClassLoader().getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException(resource + " is not on the classpath");
    }
    try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      return readLabelledTurns(reader, resource);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads {@code label<TAB>text} lines, label one of none/mild/high in any case; '#' starts a comment. */
  public static List<LabelledTurn> readLabelledTurns(Reader source, String name) throws IOException {
    List<LabelledTurn> turns = new ArrayList<>();
    BufferedReader reader = new BufferedReader(source);
    String line;
    int number = 0;
    while ((line = reader.readLine()) != null) {
      number++;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] fields = line.split("\t", 2);
      try {
        turns.add(new LabelledTurn(FrustrationLevel.valueOf(fields[0].strip().toUpperCase(Locale.ROOT)),
            fields[1].strip()));
      } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
        throw new IOException(name + ":" + number + ": expected none|mild|high<TAB>text", e);
      }
    }
    return turns;
  }

  static double pearson(double[] x, double[] y) {
    int n = x.length;
    if (n < 2) {
      return 0;
    }
    double meanX = 0;
    double meanY = 0;
    for (int i = 0; i < n; i++) {
      meanX += x[i] / n;
      meanY += y[i] / n;
    }
    double covariance = 0;
    double varianceX = 0;
    double varianceY = 0;
    for (int i = 0; i < n; i++) {
      covariance += (x[i] - meanX) * (y[i] - meanY);
      varianceX += (x[i] - meanX) * (x[i] - meanX);
      varianceY += (y[i] - meanY) * (y[i] - meanY);
    }
    return varianceX == 0 || varianceY == 0 ? 0 : covariance / Math.sqrt(varianceX * varianceY);
  }
}
