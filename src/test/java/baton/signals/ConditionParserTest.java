package baton.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConditionParserTest {
  private final SignalCatalog catalog = SignalCatalog.standard();

  /** Hand-written signal values for one turn. */
  private record Turn(Map<String, Double> numbers, String frustration, Set<String> flags, String topic, Set<String> keywords)
      implements SignalValues {
    static Turn calm() {
      return new Turn(Map.of("confidence", 0.9, "sentiment", 0.2, "turns", 1.0), "none", Set.of(), "shipping", Set.of());
    }

    Turn with(String flag) {
      var more = new java.util.HashSet<>(flags);
      more.add(flag);
      return new Turn(numbers, frustration, more, topic, keywords);
    }

    Turn frustrated(String level) {
      return new Turn(numbers, level, flags, topic, keywords);
    }

    Turn number(String name, double value) {
      var more = new java.util.HashMap<>(numbers);
      more.put(name, value);
      return new Turn(more, frustration, flags, topic, keywords);
    }

    Turn about(String newTopic) {
      return new Turn(numbers, frustration, flags, newTopic, keywords);
    }

    Turn keywords(String... groups) {
      return new Turn(numbers, frustration, flags, topic, Set.of(groups));
    }

    public double number(String signal) {
      return numbers.get(signal);
    }

    public String level(String signal) {
      return frustration;
    }

    public boolean flag(String signal) {
      return flags.contains(signal);
    }

    public String text(String signal) {
      return topic;
    }

    public Set<String> words(String signal) {
      return keywords;
    }
  }

  private boolean holds(String condition, Turn turn) {
    return ConditionParser.parse(condition, catalog).test(turn);
  }

  private ConditionException error(String condition) {
    return catchThrowableOfType(ConditionException.class, () -> ConditionParser.parse(condition, catalog));
  }

  @Test
  void test_orOfLevelAndFlag_holdsWhenEitherDoes() {
    String rule = "frustration == high or human_request";
    assertThat(holds(rule, Turn.calm())).isFalse();
    assertThat(holds(rule, Turn.calm().frustrated("high"))).isTrue();
    assertThat(holds(rule, Turn.calm().with("human_request"))).isTrue();
  }

  @Test
  void parse_andBindsTighterThanOr_andNotTighterThanAnd() {
    assertThat(ConditionParser.parse("repeat or loop and human_request", catalog).describe())
        .isEqualTo("(repeat or (loop and human_request))");
    assertThat(ConditionParser.parse("not repeat and loop", catalog).describe()).isEqualTo("(not repeat and loop)");
    assertThat(holds("(repeat or loop) and human_request", Turn.calm().with("repeat"))).isFalse();
    assertThat(holds("repeat or loop and human_request", Turn.calm().with("repeat"))).isTrue();
  }

  @ParameterizedTest
  @CsvSource({
      "confidence < 0.4, 0.39, true", "confidence < 0.4, 0.4, false", "confidence <= 0.4, 0.4, true",
      "confidence > 0.4, 0.41, true", "confidence >= 0.4, 0.4, true", "confidence == 0.4, 0.4, true",
      "confidence != 0.4, 0.4, false"})
  void test_numberComparisons(String condition, double confidence, boolean expected) {
    assertThat(holds(condition, Turn.calm().number("confidence", confidence))).isEqualTo(expected);
  }

  @Test
  void test_levelsCompareByOrder() {
    assertThat(holds("frustration >= mild", Turn.calm().frustrated("high"))).isTrue();
    assertThat(holds("frustration >= mild", Turn.calm().frustrated("none"))).isFalse();
    assertThat(holds("frustration < high", Turn.calm().frustrated("mild"))).isTrue();
    assertThat(holds("frustration in [mild, high]", Turn.calm().frustrated("mild"))).isTrue();
    assertThat(holds("frustration not in [mild, high]", Turn.calm().frustrated("mild"))).isFalse();
  }

  @Test
  void test_topicAndKeywordMembership() {
    assertThat(holds("topic in [billing_dispute, security_incident]", Turn.calm().about("billing_dispute"))).isTrue();
    assertThat(holds("topic not in [billing_dispute]", Turn.calm().about("shipping"))).isTrue();
    assertThat(holds("topic == 'billing_dispute'", Turn.calm().about("billing_dispute"))).isTrue();
    assertThat(holds("keyword == legal", Turn.calm().keywords("legal", "chargeback"))).as("contains").isTrue();
    assertThat(holds("keyword in [cancel, chargeback]", Turn.calm().keywords("chargeback"))).isTrue();
    assertThat(holds("keyword", Turn.calm())).as("a bare set means not empty").isFalse();
    assertThat(holds("keyword", Turn.calm().keywords("legal"))).isTrue();
    assertThat(holds("keyword != legal", Turn.calm().keywords("chargeback"))).isTrue();
  }

  @Test
  void parse_keywordsAnyCase_andSignalsReadAreListed() {
    Condition condition = ConditionParser.parse("Repeat AND NOT Loop Or turns > 2", catalog);
    assertThat(condition.signals()).containsExactly("loop", "repeat", "turns");
  }

  @Test
  void parse_unknownSignal_pointsAtItAndSuggests() {
    ConditionException problem = error("frustation == high");
    assertThat(problem.column()).isEqualTo(1);
    assertThat(problem.getMessage()).contains("unknown signal 'frustation'").contains("did you mean 'frustration'?");
    assertThat(error("repeat or humanrequest").column()).isEqualTo(11);
  }

  @Test
  void parse_unknownLevel_listsTheLevels() {
    ConditionException problem = error("frustration == angry");
    assertThat(problem.column()).isEqualTo(16);
    assertThat(problem.getMessage()).contains("[none, mild, high]").contains("'angry'");
  }

  @Test
  void parse_typeMismatches_areErrors() {
    assertThat(error("confidence == high").getMessage()).contains("is a number");
    assertThat(error("repeat == true").getMessage()).contains("yes/no");
    assertThat(error("topic < 3").getMessage()).contains("can only be compared with ==, != or in");
    assertThat(error("confidence").getMessage()).contains("needs a comparison");
    assertThat(error("confidence in [1, 2]").getMessage()).contains("'in [...]' works for");
  }

  @Test
  void parse_numbersOutOfRange_areErrors() {
    ConditionException problem = error("confidence > 1.5");
    assertThat(problem.column()).isEqualTo(14);
    assertThat(problem.getMessage()).contains("runs from 0 to 1");
    assertThat(error("sentiment < -2").getMessage()).contains("runs from -1 to 1");
  }

  @Test
  void parse_brokenSyntax_saysWhereAndWhat() {
    assertThat(error("(repeat or loop").getMessage()).contains("ends where a closing ')' was expected");
    assertThat(error("repeat or loop)").column()).isEqualTo(15);
    assertThat(error("repeat or").getMessage()).contains("ends where");
    assertThat(error("confidence <").getMessage()).contains("a value after '<'");
    assertThat(error("repeat loop").getMessage()).contains("join conditions with 'and' or 'or'");
    assertThat(error("repeat & loop").column()).isEqualTo(8);
    assertThat(error("confidence = 0.4").getMessage()).contains("use == or !=");
    assertThat(error("topic in [a,").getMessage()).contains("ends where");
    assertThat(error("topic in []").getMessage()).contains("empty");
    assertThat(error("topic == 'open").getMessage()).contains("not closed");
    assertThat(error("  ").column()).isEqualTo(1);
    assertThat(error("and repeat").getMessage()).contains("expected a signal name");
  }

  @Test
  void parse_hostileNesting_failsCleanlyWithoutStackOverflow() {
    String deep = "(".repeat(200) + "repeat" + ")".repeat(200);
    assertThat(error(deep).getMessage()).contains("nests deeper than");
    assertThat(error("not ".repeat(100) + "repeat").getMessage()).contains("nests deeper than");
    assertThat(error("repeat or ".repeat(400) + "loop").getMessage()).contains("longer than");
    String wide = String.join(" or ", java.util.Collections.nCopies(150, "repeat"));
    assertThat(ConditionParser.parse(wide, catalog).test(Turn.calm().with("repeat"))).isTrue();
  }
}
