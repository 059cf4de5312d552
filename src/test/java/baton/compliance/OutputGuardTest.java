package baton.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OutputGuardTest {
  private final OutputGuard guard = OutputGuard.standard();

  @Test
  void check_imperativeRequestForAPassword_isBlockedByTheNeverAskRule() {
    GuardVerdict verdict = guard.check("Please send your password so I can check your account.");

    assertThat(verdict).isEqualTo(new GuardVerdict.AsksForSecret(AskedSecret.PASSWORD));
    assertThat(((GuardVerdict.Blocked) verdict).rule()).isEqualTo("never_ask:password");
  }

  @Test
  void check_questionsAndIndirectRequests_areBlockedWithTheSecretTheyAskFor() {
    assertThat(guard.check("What is your card number?")).isEqualTo(new GuardVerdict.AsksForSecret(AskedSecret.CARD_NUMBER));
    assertThat(guard.check("Enter the code we texted you.")).isEqualTo(new GuardVerdict.AsksForSecret(AskedSecret.ONE_TIME_CODE));
    assertThat(guard.check("Could you share the 3-digit code on the back?")).isEqualTo(new GuardVerdict.AsksForSecret(AskedSecret.CVV));
    assertThat(guard.check("Your PIN, please.")).isEqualTo(new GuardVerdict.AsksForSecret(AskedSecret.PIN));
  }

  @Test
  void check_helpTextAboutSecrets_isAllowed() {
    assertThat(guard.check("We will never ask for your password.")).isInstanceOf(GuardVerdict.Allowed.class);
    assertThat(guard.check("Reset your password at Settings > Security.")).isInstanceOf(GuardVerdict.Allowed.class);
    assertThat(guard.check("Enter the gift card number and PIN at checkout.")).isInstanceOf(GuardVerdict.Allowed.class);
    assertThat(guard.check("If anyone asks you to enter your password, it is not us.")).isInstanceOf(GuardVerdict.Allowed.class);
  }

  @Test
  void check_enteringElsewhereButAlsoHere_isStillAnAsk() {
    assertThat(guard.check("Type your password in the box below, not on the sign-in page."))
        .isEqualTo(new GuardVerdict.AsksForSecret(AskedSecret.PASSWORD));
  }

  @Test
  void check_secretNotOnTheNeverAskList_isAllowed() {
    var onlyCards = new OutputGuard(Set.of(AskedSecret.CARD_NUMBER), SecretScanner.standard());

    assertThat(onlyCards.check("What is your password?")).isInstanceOf(GuardVerdict.Allowed.class);
    assertThat(onlyCards.check("What is your card number?")).isInstanceOf(GuardVerdict.AsksForSecret.class);
  }

  @Test
  void check_textHoldingACardNumberOrACustomPattern_isBlockedAsDisclosure() {
    assertThat(guard.check("Use the test card 4242 4242 4242 4242 to try it."))
        .isEqualTo(new GuardVerdict.DisclosesSecret(SecretKind.PAYMENT_CARD));
    var withClubCards = new OutputGuard(AskedSecret.ALL, new SecretScanner(List.of(new CustomPattern("club", "KC-\\d{8}", "[club]"))));
    assertThat(withClubCards.check("Your club card is KC-12345678.")).isEqualTo(new GuardVerdict.DisclosesSecret(SecretKind.CUSTOM));
  }

  @Test
  void check_noGoTopicNamedByTheCaller_isBlockedAfterTheTextRules() {
    OutputGuard.NoGoTopics disputes = text -> text.contains("chargeback") ? Optional.of("disputes") : Optional.empty();

    assertThat(guard.check("Call your bank to raise a chargeback.", disputes)).isEqualTo(new GuardVerdict.AnswersNoGoTopic("disputes"));
    assertThat(guard.check("Returns are free within 30 days.", disputes)).isInstanceOf(GuardVerdict.Allowed.class);
    assertThat(guard.check("What is your PIN? Then raise a chargeback.", disputes)).as("asking is named first")
        .isEqualTo(new GuardVerdict.AsksForSecret(AskedSecret.PIN));
  }

  @Test
  void check_onHostileLongText_doesNotBlowUp() {
    String hostile = "please send ".repeat(2_000) + "your ".repeat(2_000) + "never send your password, ".repeat(2_000)
        + "what is the ".repeat(2_000);
    long started = System.nanoTime();

    assertThat(guard.check(hostile)).isNotNull();

    // 110,000 characters of verbs and mentions: every shape is read in a window around each mention, so
    // this is linear (about 0.1 s of CPU; a quadratic version took 100 s). Generous for a loaded machine.
    assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(15_000);
  }

  @Test
  void customPattern_withKeywords_runsOnlyOnTextsThatMentionOne() {
    var scanner = new SecretScanner(List.of(new CustomPattern("loyalty", "\\b\\d{8}\\b", "[loyalty number]", List.of("Loyalty"))));

    assertThat(scanner.redact("my loyalty number is 12345678").text()).isEqualTo("my loyalty number is [loyalty number]");
    assertThat(scanner.redact("my parcel ref is 12345678").text()).isEqualTo("my parcel ref is 12345678");
  }
}
