package baton.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import baton.knowledge.AnswerConfidence;
import baton.knowledge.KnowledgeBase;
import baton.knowledge.MarkdownArticles;
import baton.knowledge.WordHashEmbedder;
import baton.signals.FrustrationDetector;
import baton.signals.HumanRequestDetector;
import baton.signals.PaymentAndSecretDetector;
import baton.signals.SentimentScorer;
import baton.spec.BotSpec;
import baton.spec.BotSpecLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The output guard as the bot applies it: what the customer would read is checked last, and a stopped message becomes a safe handoff. */
class SupportBotOutputGuardTest {
  private static final String SPEC = """
      bot:
        name: Sam
        greeting: Hello
      knowledge:
        folders: [kb]
      escalation:
        topics:
          - id: disputes
            noGo: true
            tier: billing
            keywords: [chargeback]
      tiers:
        - id: priority
          team: support
          urgent: true
        - id: standard
          team: support
        - id: billing
          team: support
      checklists:
        - id: order
          tiers: [standard, billing]
          items:
            - field: order_id
              ask: What's your order number?
              pattern: 'KO-\\d{5}'
      handoff:
        defaultTeam: support
        defaultTier: standard
      teams:
        - id: support
          name: Support
      """;
  private static final String ARTICLES = """
      # Account checks
      ## Verifying your account
      To verify your account, please send your password in this chat and I will check it for you.
      ## Keeping your account safe
      Kestrel support will never ask for your password. Reset your password at Settings > Security if you think someone knows it.
      """;

  @TempDir Path dir;

  private SupportBot bot(String safety) throws IOException {
    Files.createDirectories(dir.resolve("kb"));
    Files.writeString(dir.resolve("bot.yaml"), SPEC + safety);
    BotSpec spec = new BotSpecLoader().load(dir.resolve("bot.yaml"));
    var markdown = new MarkdownArticles();
    KnowledgeBase knowledge = KnowledgeBase.of(List.of(markdown.parse("account-checks", ARTICLES),
        markdown.parse("bank-disputes", "# Bank disputes\n## Disputing with your bank\nTo raise a chargeback, call the number on the"
            + " back of your card and tell your bank which payment you do not recognise.\n")), WordHashEmbedder.cache());
    var brain = new LiveBrain.Brain(spec, knowledge, new BotPolicy(AnswerConfidence.DEFAULT, 0.0, 0.0, 0));
    return new SupportBot(() -> brain, new HumanRequestDetector(), new FrustrationDetector(SentimentScorer.withVaderLexicon()),
        new PaymentAndSecretDetector(), Clock.systemUTC());
  }

  @Test
  void respond_whenTheAnswerAsksForAPassword_handsOffToTheFirstUrgentTierWithHonestCopyAndNamesTheRule() throws IOException {
    Decision decision = bot("").respond("how do I verify my account");

    assertThat(decision).isInstanceOf(Decision.HandOff.class);
    var handOff = (Decision.HandOff) decision;
    assertThat(handOff.reason()).isEqualTo(HandoffReason.OUTPUT_BLOCKED);
    assertThat(handOff.tier().id()).isEqualTo("priority");
    assertThat(handOff.customerNotice()).startsWith(BotSpec.Safety.DEFAULT_BLOCKED_MESSAGE).doesNotContain("password");
    assertThat(handOff.record().blocked()).isEqualTo("never_ask:password");
    assertThat(handOff.record().action()).isEqualTo("handoff");
    assertThat(handOff.record().reason()).isEqualTo("output_blocked");
    assertThat(handOff.record().rule()).contains("never_ask:password").contains("/kb/account-checks#verifying-your-account");
    assertThat(handOff.detail()).contains("output guard");
  }

  @Test
  void respond_whenTheAnswerOnlyTalksAboutPasswords_sendsIt() throws IOException {
    Decision decision = bot("").respond("how do I keep my account safe");

    assertThat(decision).isInstanceOf(Decision.Answer.class);
    assertThat(((Decision.Answer) decision).text()).contains("will never ask for your password");
    assertThat(decision.record().blocked()).isNull();
  }

  @Test
  void respond_whenTheAnswerIsAboutANoGoTopicTheQuestionDidNotName_stopsIt() throws IOException {
    Decision decision = bot("").respond("who should I call at my bank about a payment");

    assertThat(decision).isInstanceOf(Decision.HandOff.class);
    assertThat(decision.record().blocked()).isEqualTo("no_go_topic:disputes");
  }

  @Test
  void respond_withAConfiguredNonUrgentBlockedTier_handsOffThereWithoutAskingChecklistQuestions() throws IOException {
    Decision decision = bot("""
        safety:
          blockedTier: standard
          blockedMessage: Sorry, I can't help with that safely; a colleague will take over.
        """).respond("how do I verify my account");

    assertThat(decision).isInstanceOf(Decision.HandOff.class);
    var handOff = (Decision.HandOff) decision;
    assertThat(handOff.tier().id()).isEqualTo("standard");
    assertThat(handOff.customerNotice()).startsWith("Sorry, I can't help with that safely; a colleague will take over.");
  }

  @Test
  void respond_whenTheSpecDoesNotForbidPasswords_sendsTheAnswer() throws IOException {
    Decision decision = bot("""
        safety:
          neverAsk: [card_number, cvv]
        """).respond("how do I verify my account");

    assertThat(decision).isInstanceOf(Decision.Answer.class);
  }

  @Test
  void greeting_passesTheGuard() throws IOException {
    assertThat(bot("").greeting()).isEqualTo("Hello");
  }
}
