package baton.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringReader;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SentimentEvaluationTest {
  private static final SentimentScorer SCORER = SentimentScorer.withVaderLexicon();
  private static final SentimentEvaluation EVALUATION =
      new SentimentEvaluation(SCORER, new FrustrationDetector(SCORER));

  private static Path tinyGroundTruth() throws URISyntaxException {
    return Path.of(SentimentEvaluationTest.class.getResource("/signals/tiny_GroundTruth.txt").toURI());
  }

  /*
   * The tiny file, human class (rating / 4 against ±0.05) -> ours:
   * positive: 2 right, "It works." -> neutral (no lexicon word)
   * neutral: 2 right, "Fine print applies..." -> positive ("fine")
   * negative: 3 right, "Great, another Monday." (sarcasm) -> positive
   * So positive P 2/4 R 2/3, neutral P 2/3 R 2/3, negative P 3/3 R 3/4.
   */
  @Test
  void evaluateGroundTruth_onTinyFile_countsAndScoresExactly() throws Exception {
    Report.CorpusResult result = EVALUATION.evaluateGroundTruth(tinyGroundTruth());

    assertThat(result.corpus()).isEqualTo("tiny_GroundTruth.txt");
    assertThat(result.n()).isEqualTo(10);
    assertThat(result.confusion()).isEqualTo(Map.of(
        Polarity.POSITIVE, Map.of(Polarity.POSITIVE, 2L, Polarity.NEUTRAL, 1L, Polarity.NEGATIVE, 0L),
        Polarity.NEUTRAL, Map.of(Polarity.POSITIVE, 1L, Polarity.NEUTRAL, 2L, Polarity.NEGATIVE, 0L),
        Polarity.NEGATIVE, Map.of(Polarity.POSITIVE, 1L, Polarity.NEUTRAL, 0L, Polarity.NEGATIVE, 3L)));
    double positiveF1 = 2 * 0.5 * (2.0 / 3) / (0.5 + 2.0 / 3); // 0.5714
    double neutralF1 = 2.0 / 3;
    double negativeF1 = 2 * 1.0 * 0.75 / 1.75; // 0.8571
    assertThat(result.microF1()).isCloseTo(0.7, within(1e-9));
    assertThat(result.macroF1()).isCloseTo((positiveF1 + neutralF1 + negativeF1) / 3, within(1e-9));
    assertThat(result.weightedF1()).isCloseTo((3 * positiveF1 + 3 * neutralF1 + 4 * negativeF1) / 10, within(1e-9));
    assertThat(result.negative()).isEqualTo(new ClassScores(1.0, 0.75, negativeF1, 4));
    assertThat(result.pearsonR()).isBetween(0.5, 1.0);
  }

  @Test
  void evaluateFrustration_countsConfusionAndKeepsMistakes() {
    List<SentimentEvaluation.LabelledTurn> turns = List.of(
        new SentimentEvaluation.LabelledTurn(FrustrationLevel.NONE, "Thanks, that fixed it!"),
        new SentimentEvaluation.LabelledTurn(FrustrationLevel.NONE, "What are your opening hours?"),
        new SentimentEvaluation.LabelledTurn(FrustrationLevel.MILD, "It's still not working."),
        new SentimentEvaluation.LabelledTurn(FrustrationLevel.HIGH, "This is the third time I'm asking!"),
        new SentimentEvaluation.LabelledTurn(FrustrationLevel.HIGH, "What are your opening hours?"));

    Report.FrustrationResult result = EVALUATION.evaluateFrustration("inline", turns);

    assertThat(result.n()).isEqualTo(5);
    assertThat(result.accuracy()).isCloseTo(0.8, within(1e-9));
    assertThat(result.confusion().get(FrustrationLevel.HIGH))
        .isEqualTo(Map.of(FrustrationLevel.NONE, 1L, FrustrationLevel.MILD, 0L, FrustrationLevel.HIGH, 1L));
    assertThat(result.perLevel().get(FrustrationLevel.NONE).precision()).isCloseTo(2.0 / 3, within(1e-9));
    assertThat(result.mistakes()).singleElement()
        .satisfies(mistake -> assertThat(mistake.detected()).isEqualTo(FrustrationLevel.NONE));
  }

  @Test
  void supportSet_isBalancedAndLargeEnough() {
    List<SentimentEvaluation.LabelledTurn> turns = SentimentEvaluation.supportSet();
    assertThat(turns).hasSizeGreaterThanOrEqualTo(200);
    for (FrustrationLevel level : FrustrationLevel.values()) {
      assertThat(turns.stream().filter(turn -> turn.level() == level).count()).isBetween(60L, 80L);
    }
  }

  @Test
  void heldOutAndTestSets_skipTheirCommentLine_andAreBalanced() {
    for (String resource : List.of(SentimentEvaluation.SUPPORT_HOLDOUT, SentimentEvaluation.SUPPORT_TEST)) {
      List<SentimentEvaluation.LabelledTurn> turns = SentimentEvaluation.labelledTurns(resource);
      assertThat(turns).hasSize(60);
      assertThat(turns.stream().filter(turn -> turn.level() == FrustrationLevel.HIGH)).hasSize(20);
    }
  }

  @Test
  void readLabelledTurns_withUnknownLabel_namesTheLine() {
    assertThatThrownBy(() -> SentimentEvaluation.readLabelledTurns(
        new StringReader("none\tfine\nfurious\tgrr\n"), "set.tsv"))
        .isInstanceOf(IOException.class).hasMessageContaining("set.tsv:2");
  }

  @Test
  void report_serialisesToJson_andRendersATable() throws Exception {
    Report report = new Report(List.of(EVALUATION.evaluateGroundTruth(tinyGroundTruth())),
        List.of(EVALUATION.evaluateFrustration("inline",
            List.of(new SentimentEvaluation.LabelledTurn(FrustrationLevel.NONE, "hello")))));

    JsonNode json = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(report));

    assertThat(json.at("/groundTruth/0/microF1").asDouble()).isCloseTo(0.7, within(1e-9));
    assertThat(json.at("/groundTruth/0/confusion/NEGATIVE/NEGATIVE").asLong()).isEqualTo(3);
    assertThat(json.at("/frustration/0/accuracy").asDouble()).isEqualTo(1.0);
    assertThat(report.toTable()).contains("tiny_GroundTruth.txt", "microF1", "macroF1", "HIGH");
  }

  @Test
  void evaluateGroundTruth_onPublishedTweets_reachesF1OfAtLeast090() throws IOException {
    Path tweets = Path.of("..", "shared", "datasets", "vader-groundtruth", "tweets_GroundTruth.txt");
    assumeTrue(Files.isRegularFile(tweets), "VADER ground truth not present beside the checkout");

    Report.CorpusResult result = EVALUATION.evaluateGroundTruth(tweets);

    assertThat(result.n()).isEqualTo(4200);
    assertThat(result.microF1()).isGreaterThanOrEqualTo(0.90);
  }
}
