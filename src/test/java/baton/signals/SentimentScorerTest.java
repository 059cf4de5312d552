package baton.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SentimentScorerTest {
  private static final SentimentScorer SCORER = SentimentScorer.withVaderLexicon();

  private static double compound(String text) {
    return SCORER.score(text).compound();
  }

  /** The examples and outputs published in VADER's README: our own code must land on the same figures. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "VADER is smart, handsome, and funny.|0.8316",
      "VADER is smart, handsome, and funny!|0.8439",
      "VADER is very smart, handsome, and funny.|0.8545",
      "VADER is VERY SMART, handsome, and FUNNY.|0.9227",
      "VADER is VERY SMART, handsome, and FUNNY!!!|0.9342",
      "VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!|0.9469",
      "VADER is not smart, handsome, nor funny.|-0.7424",
      "The book was good.|0.4404",
      "At least it isn't a horrible book.|0.431",
      "The book was only kind of good.|0.3832",
      "The plot was good, but the characters are uncompelling and the dialog is not great.|-0.7042",
      "Today SUX!|-0.5461",
      "Today only kinda sux! But I'll get by, lol|0.5249",
      "Make sure you :) or :D today!|0.8633",
      "Not bad at all|0.431"})
  void score_onVaderReadmeExamples_matchesPublishedCompound(String text, double published) {
    assertThat(compound(text)).isCloseTo(published, within(0.0005));
  }

  @Test
  void score_whenNegatedWithinThreeWords_flipsAndDampens() {
    assertThat(compound("The service is good")).isPositive();
    assertThat(compound("The service is not good")).isNegative();
    assertThat(compound("The service isn't good")).isNegative();
    assertThat(compound("The service was never good")).isNegative();
    assertThat(compound("it is not really very good")).isNegative(); // "not" three words back
    assertThat(Math.abs(compound("The service is not good"))).isLessThan(compound("The service is good"));
  }

  @Test
  void score_whenNegationIsFourWordsBack_doesNotFlip() {
    assertThat(compound("not that I think the service was good")).isPositive();
  }

  @Test
  void score_whenNeverSo_emphasisesInsteadOfNegating() {
    assertThat(compound("never so good")).isGreaterThan(compound("good"));
  }

  @Test
  void score_withBooster_movesAwayFromZero_andDampenerTowardsIt() {
    assertThat(compound("very good")).isGreaterThan(compound("good"));
    assertThat(compound("very bad")).isLessThan(compound("bad"));
    assertThat(compound("barely good")).isLessThan(compound("good"));
    assertThat(compound("kind of good")).isLessThan(compound("good")).isPositive();
  }

  @Test
  void score_withKindOf_doesNotScoreKindAsPositive() {
    assertThat(compound("kind of sad")).isNegative().isGreaterThan(compound("sad"));
  }

  @Test
  void score_withCapitalisedWordInMixedCase_emphasisesIt() {
    assertThat(compound("The service is GOOD")).isGreaterThan(compound("The service is good"));
    assertThat(compound("The service is BAD")).isLessThan(compound("The service is bad"));
  }

  @Test
  void score_whenWholeTextIsCapitals_addsNoEmphasis() {
    assertThat(compound("THE SERVICE IS GOOD")).isEqualTo(compound("the service is good"));
  }

  @Test
  void score_withExclamations_amplifiesUpToFour() {
    assertThat(compound("good!")).isGreaterThan(compound("good"));
    assertThat(compound("bad!!")).isLessThan(compound("bad!"));
    assertThat(compound("good!!!!!!!")).isEqualTo(compound("good!!!!"));
  }

  @Test
  void score_withSeveralQuestionMarks_amplifies_butOneDoesNot() {
    assertThat(compound("good?")).isEqualTo(compound("good"));
    assertThat(compound("good??")).isGreaterThan(compound("good"));
  }

  @Test
  void score_withBut_weighsTheClauseAfterIt() {
    assertThat(compound("The food was great but the service was awful")).isNegative();
    assertThat(compound("The food was awful but the service was great")).isPositive();
  }

  @Test
  void score_withLeast_negatesUnlessAtLeast() {
    assertThat(compound("the least helpful answer")).isNegative();
    assertThat(compound("at least it is good")).isPositive();
  }

  @Test
  void score_withEmoticonsAndEmoji_usesTheirRatings() {
    assertThat(compound("ok :)")).isPositive();
    assertThat(compound("ok :(")).isNegative();
    assertThat(compound("thanks 🙂")).isGreaterThan(compound("thanks"));
    assertThat(compound("still broken😡")).isLessThan(compound("still broken"));
  }

  @Test
  void score_notBadAtAll_isPositive() {
    assertThat(SCORER.score("not bad at all").isPositive()).isTrue();
  }

  @Test
  void score_withCurlyApostrophe_stillNegates() {
    assertThat(compound("it isn’t good")).isEqualTo(compound("it isn't good"));
  }

  @Test
  void score_whenNoSentimentWords_isNeutral() {
    assertThat(SCORER.score("")).isEqualTo(Sentiment.NEUTRAL);
    assertThat(SCORER.score("The parcel left the depot on Tuesday.").compound()).isZero();
  }

  @Test
  void score_shares_addUpToOne() {
    Sentiment sentiment = SCORER.score("Great phone but the battery is terrible!!");
    assertThat(sentiment.positive() + sentiment.neutral() + sentiment.negative()).isCloseTo(1.0, within(1e-9));
    assertThat(sentiment.positive()).isPositive();
    assertThat(sentiment.negative()).isPositive();
  }

  @Test
  void score_onAGivenLexicon_normalisesTheSum() {
    SentimentScorer scorer = new SentimentScorer(ValenceLexicon.of(Map.of("splendid", 3.0)));
    assertThat(scorer.score("splendid").compound()).isCloseTo(3 / Math.sqrt(9 + 15), within(1e-12));
  }

  @Test
  void vaderLexicon_isOnTheClasspath() {
    assertThat(ValenceLexicon.vader().size()).isGreaterThan(7000);
  }
}
