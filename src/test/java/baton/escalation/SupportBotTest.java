package baton.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import baton.knowledge.AnswerConfidence;
import baton.knowledge.KnowledgeBase;
import baton.knowledge.MarkdownArticles;
import baton.knowledge.Passage;
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
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SupportBotTest {
  @TempDir Path dir;
  private BotSpec spec;
  private KnowledgeBase knowledge;

  @BeforeEach
  void setUp() throws IOException {
    Files.createDirectories(dir.resolve("kb"));
    Files.writeString(dir.resolve("bot.yaml"), """
        bot:
          name: Sam
          greeting: Hello
        knowledge:
          folders: [kb]
        answer:
          clarifyMessage: Which one?
        handoff:
          defaultTeam: support
        teams:
          - id: support
            name: Support
        """);
    spec = new BotSpecLoader().load(dir.resolve("bot.yaml"));
    var markdown = new MarkdownArticles();
    knowledge = KnowledgeBase.of(List.of(
        markdown.parse("shipping", "# Shipping\n## Standard shipping\nStandard shipping takes 3 to 5 days.\n"
            + "## International shipping\nInternational shipping takes 7 to 14 days.\n"),
        markdown.parse("returns", "# Returns\n## Return window\nReturn unworn items within 30 days.\n")),
        WordHashEmbedder.cache());
  }

  private SupportBot botWithBounds(double answerAbove, double clarifyAbove) {
    var brain = new LiveBrain.Brain(spec, knowledge, new BotPolicy(AnswerConfidence.DEFAULT, answerAbove, clarifyAbove, 0));
    var sentiment = SentimentScorer.withVaderLexicon();
    return new SupportBot(() -> brain, new HumanRequestDetector(), new FrustrationDetector(sentiment), new PaymentAndSecretDetector(),
        Clock.systemUTC());
  }

  /** The next turn of a conversation whose first turn was decided as {@code first}. */
  private static TurnContext after(Decision first, String text) {
    var line = new TurnContext.Line(2, "customer", null, "shipping days", Instant.now(), List.of());
    return new TurnContext("c-1", "web", TurnContext.Customer.UNKNOWN, 4, text, List.of(line), List.of(first.record()));
  }

  @Test
  void respond_atOrAboveTheAnswerBound_quotesTheBestPassageWithEvidence() {
    Decision decision = botWithBounds(0.0, 0.0).respond("how long does international shipping take");

    assertThat(decision).isInstanceOf(Decision.Answer.class);
    var answer = (Decision.Answer) decision;
    assertThat(answer.text()).isEqualTo("International shipping takes 7 to 14 days.");
    assertThat(answer.sources()).extracting(Passage::url).containsExactly("/kb/shipping#international-shipping");
    assertThat(answer.evidence().candidates()).isNotEmpty();
    assertThat(answer.evidence().candidates().getFirst().title()).isEqualTo("Shipping › International shipping");
    assertThat(answer.evidence().probability()).isBetween(0.0, 1.0);
    assertThat(answer.evidence().rule()).contains("answer bound");
  }

  @Test
  void respond_betweenTheBounds_offersTheTopTopicsThenAnswersThePickedOne() {
    SupportBot bot = botWithBounds(1.0, 0.0);

    Decision first = bot.respond("shipping days");

    assertThat(first).isInstanceOf(Decision.Clarify.class);
    var clarify = (Decision.Clarify) first;
    assertThat(clarify.options()).hasSizeBetween(2, 3).doesNotHaveDuplicates();
    assertThat(clarify.text()).startsWith("Which one?").contains("1. ").contains("2. ");
    assertThat(clarify.record().offeredUrls()).containsExactlyElementsOf(clarify.options().stream().map(Passage::url).toList());

    Decision second = bot.respond(after(first, "2"));
    assertThat(second).isInstanceOf(Decision.Answer.class);
    assertThat(((Decision.Answer) second).sources()).containsExactly(clarify.options().get(1));

    Decision byName = bot.respond(after(first, clarify.options().getFirst().heading()));
    assertThat(((Decision.Answer) byName).sources()).containsExactly(clarify.options().getFirst());

    assertThat(bot.respond(after(first, "7"))).as("no such option: the turn is decided afresh").isInstanceOf(Decision.Clarify.class);
  }

  @Test
  void respond_belowTheClarifyBound_handsOffAndSaysWhy() {
    Decision decision = botWithBounds(1.0, 1.0).respond("shipping days");

    assertThat(decision).isInstanceOf(Decision.HandOff.class);
    var handOff = (Decision.HandOff) decision;
    assertThat(handOff.reason()).isEqualTo(HandoffReason.LOW_CONFIDENCE);
    assertThat(handOff.detail()).contains("probability").contains("answer ≥ 1.00");
    assertThat(handOff.customerNotice()).contains("Support");
    assertThat(handOff.evidence().candidates()).isNotEmpty();
  }

  @Test
  void respond_toAnAskForAPerson_handsOffAtOnceByTheDefaultRule() {
    Decision decision = botWithBounds(0.0, 0.0).respond("can I talk to a human please");

    assertThat(decision).isInstanceOf(Decision.HandOff.class);
    assertThat(((Decision.HandOff) decision).reason()).isEqualTo(HandoffReason.HUMAN_REQUEST);
    assertThat(decision.record().rule()).isEqualTo("human_request or frustration == high");
    assertThat(decision.record().ruleIndex()).isEqualTo(1);
    assertThat(decision.record().signals()).containsEntry("human_request", true);
    assertThat(((Decision.HandOff) decision).packet().escalation().reason()).isEqualTo("human_request");
  }

  @Test
  void respond_withBlankOrHostileText_neverThrows() {
    SupportBot bot = botWithBounds(0.75, 0.4);
    for (String text : List.of(" ", "\"unbalanced (AND OR ~ * :", "<script>alert(1)</script>", "x".repeat(4_000))) {
      assertThat(bot.respond(text)).isNotNull();
    }
  }
}
