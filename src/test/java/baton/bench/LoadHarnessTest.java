package baton.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.SplittableRandom;
import java.util.TreeMap;
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
}
