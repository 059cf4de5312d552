package baton.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import baton.compliance.SecretScanner;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Personal data never reaches a proposed knowledge entry. */
class ReusableAnswersTest {
  private final SecretScanner scanner = SecretScanner.standard();

  @Test
  void withoutPersonalData_masksContactDetailsOrderNumbersAndCardDigits() {
    String cleaned = ReusableAnswers.withoutPersonalData(scanner,
        "Order KO-483920 never came, call 303 555 0142 or write to ada@example.com; card [card •••• 4242]", List.of());
    assertThat(cleaned).doesNotContain("483920").doesNotContain("555").doesNotContain("ada@example.com").doesNotContain("4242")
        .contains("never came").contains("[card]");
  }

  @Test
  void withoutPersonalData_dropsKnownNamesAndSelfIntroductions() {
    String cleaned = ReusableAnswers.withoutPersonalData(scanner,
        "Hi, I'm Grace Hopper. My name is Grace and Alice said ALICE would call. I am looking for boots", List.of("Alice", "Grace Hopper"));
    assertThat(cleaned).isEqualTo("Hi, I'm [name]. My name is [name] and [name] said [name] would call. I am looking for boots");
  }

  @Test
  void withoutPersonalData_keepsOrdinaryQuestionsAsTheyAre() {
    assertThat(ReusableAnswers.withoutPersonalData(scanner, "Can I book a guided hike with your staff?", List.of("Ada")))
        .isEqualTo("Can I book a guided hike with your staff?");
  }
}
