package baton.signals;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Results of {@link SentimentEvaluation}: one row per ground-truth corpus and the support frustration
 * set. A plain value, immutable, serialisable with Jackson as it stands (records, enums, maps, lists).
 *
 * @param groundTruth one result per {@code *_GroundTruth.txt} file, by file name
 * @param frustration one result per hand-labelled support set (the main set, then the held-out one)
 */
public record Report(List<CorpusResult> groundTruth, List<FrustrationResult> frustration) {
  public Report {
    groundTruth = List.copyOf(groundTruth);
    frustration = List.copyOf(frustration);
  }

  /**
   * Three-class sentiment on one human-rated corpus, by the VADER paper's protocol.
   *
   * @param microF1 micro-averaged F1, which for one label per item equals accuracy
   * @param macroF1 unweighted mean of the three classes' F1
   * @param weightedF1 class F1 weighted by class size (scikit-learn "weighted", formerly "avg / total")
   * @param negative precision and recall of the negative class: the one support cares about
   * @param pearsonR correlation of our compound with the human mean rating
   * @param confusion human class to our class to count
   */
  public record CorpusResult(String corpus, long n, double microF1, double macroF1, double weightedF1,
      double weightedPrecision, double weightedRecall, ClassScores negative, double pearsonR,
      Map<Polarity, Map<Polarity, Long>> confusion, double twoClassAccuracy) {
    public CorpusResult {
      confusion = Map.copyOf(confusion);
    }
  }

  /**
   * Frustration levels on the hand-labelled support set.
   *
   * @param confusion hand label to detected level to count
   * @param mistakes every message whose level we got wrong, with the cues, for reading the errors
   */
  public record FrustrationResult(String source, long n, double accuracy, double macroF1,
      Map<FrustrationLevel, ClassScores> perLevel, Map<FrustrationLevel, Map<FrustrationLevel, Long>> confusion,
      List<Mistake> mistakes) {
    public FrustrationResult {
      perLevel = Map.copyOf(perLevel);
      confusion = Map.copyOf(confusion);
      mistakes = List.copyOf(mistakes);
    }
  }

  public record Mistake(FrustrationLevel labelled, FrustrationLevel detected, String text, List<String> cues) {
    public Mistake {
      cues = List.copyOf(cues);
    }
  }

  /** The figures as plain-text tables, for a terminal or a Markdown code block. */
  public String toTable() {
    StringBuilder out = new StringBuilder();
    if (!groundTruth.isEmpty()) {
      out.append("Sentiment, three classes (positive/neutral/negative, thresholds ±0.05; human mean / 4)\n");
      out.append(String.format(Locale.ROOT, "%-38s %6s %8s %8s %8s %8s %8s %8s %8s %7s%n", "corpus", "n",
          "microF1", "macroF1", "wtdF1", "wtdP", "wtdR", "negP", "negR", "r"));
      for (CorpusResult row : groundTruth) {
        out.append(String.format(Locale.ROOT, "%-38s %6d %8.3f %8.3f %8.3f %8.3f %8.3f %8.3f %8.3f %7.3f%n",
            row.corpus(), row.n(), row.microF1(), row.macroF1(), row.weightedF1(), row.weightedPrecision(),
            row.weightedRecall(), row.negative().precision(), row.negative().recall(), row.pearsonR()));
      }
      out.append("\nTwo classes (sign of the human mean vs sign of ours; sentences rated exactly 0 left out)\n");
      for (CorpusResult row : groundTruth) {
        out.append(String.format(Locale.ROOT, "%-38s accuracy %6.3f%n", row.corpus(), row.twoClassAccuracy()));
      }
      out.append("\nConfusion (rows: human class; columns: ours, in order positive / neutral / negative)\n");
      for (CorpusResult row : groundTruth) {
        out.append(String.format(Locale.ROOT, "%-38s", row.corpus()));
        for (Polarity truth : Polarity.values()) {
          out.append(" | ");
          for (Polarity predicted : Polarity.values()) {
            out.append(String.format(Locale.ROOT, "%6d", row.confusion().get(truth).get(predicted)));
          }
        }
        out.append('\n');
      }
    }
    for (FrustrationResult frustration : frustration) {
      out.append(String.format(Locale.ROOT, "%nFrustration on %s: n=%d, accuracy %.3f, macro F1 %.3f%n",
          frustration.source(), frustration.n(), frustration.accuracy(), frustration.macroF1()));
      out.append(String.format(Locale.ROOT, "%-8s %9s %7s %7s %8s   %s%n", "level", "precision", "recall", "F1",
          "support", "labelled \\ detected:  NONE   MILD   HIGH"));
      for (FrustrationLevel level : FrustrationLevel.values()) {
        ClassScores scores = frustration.perLevel().get(level);
        Map<FrustrationLevel, Long> row = frustration.confusion().get(level);
        out.append(String.format(Locale.ROOT, "%-8s %9.3f %7.3f %7.3f %8d   %-20s %6d %6d %6d%n", level,
            scores.precision(), scores.recall(), scores.f1(), scores.support(), "",
            row.get(FrustrationLevel.NONE), row.get(FrustrationLevel.MILD), row.get(FrustrationLevel.HIGH)));
      }
    }
    return out.toString();
  }
}
