package baton.signals;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FrustrationDetectorTest {
  private static final FrustrationDetector DETECTOR = new FrustrationDetector(SentimentScorer.withVaderLexicon());

  private static FrustrationLevel level(String text) {
    return DETECTOR.assess(text).level();
  }

  @Test
  void frustration_whenCustomerThanksWithExclamations_isNone() {
    Frustration frustration = DETECTOR.assess("thanks, that fixed it!!!");
    assertThat(frustration.level()).isEqualTo(FrustrationLevel.NONE);
    assertThat(frustration.sentiment().isPositive()).isTrue();
  }

  @Test
  void frustration_whenCustomerSaysThirdTime_isHigh() {
    Frustration frustration = DETECTOR.assess("this is the third time I'm asking");
    assertThat(frustration.level()).isEqualTo(FrustrationLevel.HIGH);
    assertThat(frustration.cues()).anyMatch(cue -> cue.contains("not the first time") && cue.contains("third time"));
  }

  @Test
  void frustration_whenPlainQuestion_isNoneWithNoCues() {
    Frustration frustration = DETECTOR.assess("How do I download my invoice for March?");
    assertThat(frustration.level()).isEqualTo(FrustrationLevel.NONE);
    assertThat(frustration.cues()).isEmpty();
  }

  @Test
  void frustration_whenStillNotWorking_isMild() {
    assertThat(level("It's still not working.")).isEqualTo(FrustrationLevel.MILD);
  }

  @Test
  void frustration_whenStillNotWorkingShoutedWithExclamations_isHigh() {
    assertThat(level("STILL NOT WORKING. Fix it!!!")).isEqualTo(FrustrationLevel.HIGH);
  }

  @Test
  void frustration_whenCustomerCallsTheBotUseless_isHigh() {
    Frustration frustration = DETECTOR.assess("Useless bot.");
    assertThat(frustration.level()).isEqualTo(FrustrationLevel.HIGH);
    assertThat(frustration.cues()).anyMatch(cue -> cue.contains("insults") && cue.contains("Useless"));
  }

  @Test
  void frustration_whenTheBotIsCalledNotUseless_isNotHigh() {
    assertThat(level("Honestly the bot is not useless, it found my invoice.")).isNotEqualTo(FrustrationLevel.HIGH);
  }

  @Test
  void frustration_whenYouAlreadySaidThat_isHigh() {
    assertThat(level("You already said that.")).isEqualTo(FrustrationLevel.HIGH);
  }

  @Test
  void frustration_whenAgainWithInterrobang_isHigh() {
    assertThat(level("The app crashed. Again?!")).isEqualTo(FrustrationLevel.HIGH);
  }

  @Test
  void frustration_whenRepeatedQuestionExclamation_isHigh() {
    Frustration frustration = DETECTOR.assess("Where is my parcel?!!");
    assertThat(frustration.level()).isEqualTo(FrustrationLevel.HIGH);
    assertThat(frustration.cues()).anyMatch(cue -> cue.contains("?!!"));
  }

  @Test
  void frustration_whenWaiting_isMild() {
    assertThat(level("I've been waiting for a reply since this morning.")).isEqualTo(FrustrationLevel.MILD);
  }

  @Test
  void frustration_whenSwearing_isHigh() {
    assertThat(level("wtf, my card was charged")).isEqualTo(FrustrationLevel.HIGH);
  }

  @Test
  void frustration_whenSayingHello_doesNotCountAsSwearing() {
    assertThat(level("hello, can you help me with my order?")).isEqualTo(FrustrationLevel.NONE);
  }

  @Test
  void frustration_whenCalmlyThreateningToCancel_isHigh() {
    Frustration frustration = DETECTOR.assess("If this is not resolved by Friday I will cancel my subscription.");
    assertThat(frustration.level()).isEqualTo(FrustrationLevel.HIGH);
    assertThat(frustration.cues()).anyMatch(cue -> cue.startsWith("threatens to cancel"));
  }

  @Test
  void frustration_whenAskingToCancelWithoutComplaint_isNone() {
    assertThat(level("Please cancel my subscription, I'm moving abroad next month.")).isEqualTo(FrustrationLevel.NONE);
  }

  @Test
  void frustration_whenThreatIsNegated_doesNotFire() {
    Frustration frustration = DETECTOR.assess("Don't worry, I won't cancel, I just want to know the price.");
    assertThat(frustration.cues()).noneMatch(cue -> cue.startsWith("threatens"));
  }

  @Test
  void frustration_whenGoingToACompetitor_isHigh() {
    assertThat(level("I'm going to a competitor.")).isEqualTo(FrustrationLevel.HIGH);
  }

  @Test
  void frustration_whenThreateningAChargeback_isHigh() {
    assertThat(level("I will dispute the charge with my bank.")).isEqualTo(FrustrationLevel.HIGH);
  }

  @Test
  void frustration_whenCustomerSaysTheyAreNotAngry_isNone() {
    assertThat(level("I'm not angry at all, you've been very patient with me.")).isEqualTo(FrustrationLevel.NONE);
  }

  @Test
  void frustration_whenHappilyExclaiming_isNone() {
    assertThat(level("Yay! My refund just came through. Thank you!!")).isEqualTo(FrustrationLevel.NONE);
  }

  @Test
  void frustration_whenSarcasticThanks_isHigh() {
    assertThat(level("Thanks for nothing.")).isEqualTo(FrustrationLevel.HIGH);
  }

  @Test
  void frustration_cues_quoteTheCustomersOwnWords() {
    Frustration frustration = DETECTOR.assess("This is the THIRD TIME I write about it!");
    assertThat(frustration.cues()).anyMatch(cue -> cue.contains("\"THIRD TIME\""));
  }

  @Test
  void frustration_whenLeavingOnHoliday_isNotAThreat() {
    Frustration frustration = DETECTOR.assess("I'm leaving on holiday tomorrow, can you hold my parcel?");
    assertThat(frustration.cues()).noneMatch(cue -> cue.startsWith("threatens"));
  }

  @Test
  void frustration_whenOnePhraseMatchesSeveralCues_countsItOnce() {
    Frustration frustration = DETECTOR.assess("I'm still waiting for my refund, any update?");
    assertThat(frustration.level()).isEqualTo(FrustrationLevel.MILD);
    assertThat(frustration.cues()).hasSize(2);
  }

  @Test
  void frustration_whenDemandingOrElse_isHigh() {
    assertThat(level("Refund me today or I'm contacting my credit card company.")).isEqualTo(FrustrationLevel.HIGH);
  }

  @Test
  void frustration_whenTriedAgainAndItWorked_isNone() {
    assertThat(level("I tried again and it worked this time, thanks!")).isEqualTo(FrustrationLevel.NONE);
  }
}
