package baton.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import baton.compliance.SecretScanner;
import baton.signals.AcknowledgementDetector;
import baton.signals.HumanRequestDetector;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The load harness's own arithmetic and inputs; the harness itself runs only from bench/load.sh. */
class LoadHarnessTest {
  @Test
  void parse_readsEveryOption_inBothForms() {
    LoadOptions options = LoadOptions.parse("--url", "http://127.0.0.1:9000/", "--customers=1000", "--agents", "7", "--rate", "150",
        "--duration", "2m", "--ramp", "15s", "--handoff-share", "0.1", "--min-think", "500ms", "--report", "target/x.json", "--label", "h2");
    assertThat(options.url().toString()).isEqualTo("http://127.0.0.1:9000");
    assertThat(options.customers()).isEqualTo(1000);
    assertThat(options.agents()).isEqualTo(7);
    assertThat(options.rate()).isEqualTo(150);
    assertThat(options.duration()).isEqualTo(Duration.ofMinutes(2));
    assertThat(options.ramp()).isEqualTo(Duration.ofSeconds(15));
    assertThat(options.minThink()).isEqualTo(Duration.ofMillis(500));
    assertThat(options.handoffShare()).isEqualTo(0.1);
    assertThat(options.label()).isEqualTo("h2");
  }

  @Test
  void parse_nodesAndTexts_defaultToTheOneUrlAndUniqueTexts() {
    LoadOptions single = LoadOptions.parse("--url", "http://127.0.0.1:9000");
    assertThat(single.agentUrl()).isEqualTo(URI.create("http://127.0.0.1:9000"));
    assertThat(single.customerUrls()).containsExactly(URI.create("http://127.0.0.1:9000"));
    assertThat(single.repeatTexts()).isFalse();

    LoadOptions cluster = LoadOptions.parse("--url", "http://a:1", "--agent-url", "http://b:2/", "--customer-urls", "http://a:1, http://c:3/",
        "--repeat-texts");
    assertThat(cluster.agentUrl()).isEqualTo(URI.create("http://b:2"));
    assertThat(cluster.customerUrls()).containsExactly(URI.create("http://a:1"), URI.create("http://c:3"));
    assertThat(cluster.repeatTexts()).isTrue();
  }

  @Test
  void parse_whenShareIsNotAShare_refuses() {
    assertThatThrownBy(() -> LoadOptions.parse("--handoff-share", "5")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LoadOptions.parse("--no-such-option", "1")).hasMessageContaining("unknown option");
  }

  @Test
  void serverSide_takesPercentilesFromTheBucketsFilledBetweenTwoReadings() {
    var before = new TreeMap<Double, Double>();
    before.put(0.001, 5.0);
    before.put(0.01, 5.0);
    before.put(0.1, 5.0);
    before.put(Double.POSITIVE_INFINITY, 5.0);
    var after = new TreeMap<Double, Double>();
    after.put(0.001, 5.0);  // nothing new under 1 ms
    after.put(0.01, 95.0);  // 90 new requests under 10 ms
    after.put(0.1, 104.0);  // 9 more under 100 ms
    after.put(Double.POSITIVE_INFINITY, 105.0);  // and one slower
    var summary = ServerProbe.serverSide(before, after);
    assertThat(summary).containsEntry("count", 100L).containsEntry("p50AtMost", 10.0).containsEntry("p90AtMost", 10.0)
        .containsEntry("p99AtMost", 100.0);
  }

  @Test
  void questionMix_neverRepeatsAQuestionInOneConversation() {
    QuestionMix mix = QuestionMix.demo();
    assertThat(mix.size()).isEqualTo(40);
    var questions = mix.forOneConversation(10, new SplittableRandom(1));
    assertThat(new HashSet<>(questions)).hasSize(10);
  }

  /** A card-like run: 13–19 digits, spaces or dashes between them allowed (as the server's card detectors read). */
  private static final Pattern CARD_LIKE = Pattern.compile("(?:\\d[ -]?){12,18}\\d");

  @Test
  void wording_uniqueMode_neverRepeatsATextAndNoTextLooksLikeASecret() {
    var wording = new CustomerWording(true, 1);
    var mix = QuestionMix.demo();
    var seeds = new SplittableRandom(8);
    var questions = new ArrayList<String>();
    var requests = new ArrayList<String>();
    while (questions.size() + requests.size() < 5_000) {
      var random = seeds.split();
      String signature = wording.signature(random);
      for (String question : mix.forOneConversation(4, random)) {
        if (random.nextDouble() < 0.05) {
          requests.add(wording.askForAPerson(QuestionMix.askForAPerson(random), signature, random));
        } else {
          questions.add(wording.question(question, signature, random));
        }
      }
    }
    // One question asked over and over by one customer exhausts the draws: the order-reference fallback keeps it new.
    var random = new SplittableRandom(9);
    for (int i = 0; i < 2_000; i++) {
      questions.add(wording.question("how do I start a return", "Priya", random));
    }
    var all = new ArrayList<String>(questions);
    all.addAll(requests);
    assertThat(new HashSet<>(all)).hasSameSizeAs(all);
    assertThat(wording.textsSent()).isEqualTo(all.size());
    assertThat(wording.uniqueShare()).isEqualTo(1.0);

    var scanner = SecretScanner.standard();
    var humanRequests = new HumanRequestDetector();
    var acknowledgements = new AcknowledgementDetector();
    assertThat(all).noneMatch(text -> CARD_LIKE.matcher(text).find()).noneMatch(scanner::containsSecrets)
        .noneMatch(acknowledgements::isAcknowledgement);
    // The wording leaves the signals alone: a question never reads as asking for a person, a request always does.
    assertThat(questions).noneMatch(humanRequests::isHumanRequest);
    assertThat(requests).isNotEmpty().allMatch(humanRequests::isHumanRequest);
  }

  @Test
  void wording_repeatMode_sendsTheWordsAsTheyAre() {
    var wording = new CustomerWording(false, 1);
    var random = new SplittableRandom(1);
    List<String> texts = List.of(wording.question("how do I start a return", "Priya", random),
        wording.question("how do I start a return", "Omar", random), wording.askForAPerson("agent please", "Omar", random));
    assertThat(texts).containsExactly("how do I start a return", "how do I start a return", "agent please");
    assertThat(wording.distinctTexts()).isEqualTo(2);
    assertThat(wording.uniqueShare()).isEqualTo(2 / 3.0);
  }
}
