package baton.signals;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * A parsed rule condition over one turn's signals, e.g. {@code frustration == high or human_request}.
 * Immutable and thread-safe; built by {@link ConditionParser}, which has already checked every signal
 * name, level value and type, so testing cannot fail.
 */
public sealed interface Condition {

  boolean test(SignalValues values);

  /** The condition in normal form, fully parenthesised, for logs and the decision log. */
  String describe();

  /** The signals this condition reads. */
  default Set<String> signals() {
    Set<String> names = new TreeSet<>();
    collect(this, names);
    return names;
  }

  private static void collect(Condition condition, Set<String> names) {
    switch (condition) {
      case And and -> {
        collect(and.left(), names);
        collect(and.right(), names);
      }
      case Or or -> {
        collect(or.left(), names);
        collect(or.right(), names);
      }
      case Not not -> collect(not.inner(), names);
      case Flag flag -> names.add(flag.signal());
      case NotEmpty notEmpty -> names.add(notEmpty.signal());
      case NumberCompare compare -> names.add(compare.signal());
      case LevelCompare compare -> names.add(compare.signal());
      case TextIn in -> names.add(in.signal());
      case WordsIn in -> names.add(in.signal());
    }
  }

  enum Operator {
    EQ("=="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">=");

    final String symbol;

    Operator(String symbol) {
      this.symbol = symbol;
    }

    boolean holds(int comparison) {
      return switch (this) {
        case EQ -> comparison == 0;
        case NE -> comparison != 0;
        case LT -> comparison < 0;
        case LE -> comparison <= 0;
        case GT -> comparison > 0;
        case GE -> comparison >= 0;
      };
    }
  }

  record And(Condition left, Condition right) implements Condition {
    public boolean test(SignalValues values) {
      return left.test(values) && right.test(values);
    }

    public String describe() {
      return "(" + left.describe() + " and " + right.describe() + ")";
    }
  }

  record Or(Condition left, Condition right) implements Condition {
    public boolean test(SignalValues values) {
      return left.test(values) || right.test(values);
    }

    public String describe() {
      return "(" + left.describe() + " or " + right.describe() + ")";
    }
  }

  record Not(Condition inner) implements Condition {
    public boolean test(SignalValues values) {
      return !inner.test(values);
    }

    public String describe() {
      return "not " + inner.describe();
    }
  }

  /** A yes/no signal on its own: {@code repeat}. */
  record Flag(String signal) implements Condition {
    public boolean test(SignalValues values) {
      return values.flag(signal);
    }

    public String describe() {
      return signal;
    }
  }

  /** A set signal on its own: {@code keyword} holds when any group matched. */
  record NotEmpty(String signal) implements Condition {
    public boolean test(SignalValues values) {
      return !values.words(signal).isEmpty();
    }

    public String describe() {
      return signal;
    }
  }

  record NumberCompare(String signal, Operator operator, double value) implements Condition {
    public boolean test(SignalValues values) {
      return operator.holds(Double.compare(values.number(signal), value));
    }

    public String describe() {
      return signal + " " + operator.symbol + " " + (value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value));
    }
  }

  /** Levels compare by their order: none < mild < high. */
  record LevelCompare(String signal, Operator operator, String value, List<String> order) implements Condition {
    public LevelCompare {
      order = List.copyOf(order);
    }

    public boolean test(SignalValues values) {
      int actual = order.indexOf(values.level(signal).toLowerCase(Locale.ROOT));
      return operator.holds(Integer.compare(actual, order.indexOf(value)));
    }

    public String describe() {
      return signal + " " + operator.symbol + " " + value;
    }
  }

  /** {@code topic == billing_dispute}, {@code topic in [a, b]}, {@code topic not in [...]}. */
  record TextIn(String signal, List<String> values, boolean negated) implements Condition {
    public TextIn {
      values = List.copyOf(values);
    }

    public boolean test(SignalValues signalValues) {
      return values.contains(signalValues.text(signal).toLowerCase(Locale.ROOT)) != negated;
    }

    public String describe() {
      return signal + (negated ? " not in " : " in ") + values;
    }
  }

  /** {@code keyword == legal} (contains), {@code keyword in [legal, chargeback]} (contains any). */
  record WordsIn(String signal, List<String> values, boolean negated) implements Condition {
    public WordsIn {
      values = List.copyOf(values);
    }

    public boolean test(SignalValues signalValues) {
      Set<String> words = signalValues.words(signal);
      boolean any = values.stream().anyMatch(value -> words.stream().anyMatch(word -> word.equalsIgnoreCase(value)));
      return any != negated;
    }

    public String describe() {
      return signal + (negated ? " not in " : " in ") + values;
    }
  }
}
