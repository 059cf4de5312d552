package baton.signals;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HumanRequestDetectorTest {
  private final HumanRequestDetector detector = new HumanRequestDetector();

  @ParameterizedTest
  @ValueSource(strings = {
      "talk to a human", "Agent please", "agent", "AGENT!!", "real person", "Can I speak to someone?",
      "I want to talk to a real person", "this is useless, get me a human", "connect me with an agent",
      "put me through to a representative", "human please", "I need a person to help me", "live agent",
      "customer service", "Can I chat with somebody from support?", "operator", "I’d like to speak with a human"})
  void isHumanRequest_forExplicitAsksForAPerson(String text) {
    assertThat(detector.isHumanRequest(text)).as(text).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "How long does shipping take?", "Can I return a jacket after 20 days?", "My card was declined",
      "Do you ship to Canada?", "What is your returns policy for humane traps?", "I forgot my password"})
  void isHumanRequest_isFalseForOrdinaryQuestions(String text) {
    assertThat(detector.isHumanRequest(text)).as(text).isFalse();
  }
}
