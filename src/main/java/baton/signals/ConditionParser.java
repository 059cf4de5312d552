package baton.signals;

import baton.platform.YamlPositions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses rule conditions. Grammar, loosest first:
 *
 * <pre>
 * condition  := or
 * or         := and ("or" and)*
 * and        := not ("and" not)*
 * not        := "not" not | primary
 * primary    := "(" condition ")" | signal [ comparison ]
 * comparison := ("==" | "!=" | "<" | "<=" | ">" | ">=") value
 *             | ["not"] "in" "[" value ("," value)* "]"
 * value      := number | word | 'quoted' | "quoted"
 * </pre>
 *
 * Keywords are case-insensitive. A bare yes/no signal is a condition; a bare set signal means "not
 * empty". Every signal name, level value, type and number range is checked against the
 * {@link SignalCatalog}; errors carry the 1-based column. Nesting is capped so hostile input fails
 * with a message rather than a stack overflow. Stateless; one parser instance per call.
 */
public final class ConditionParser {
  static final int MAX_DEPTH = 32;
  static final int MAX_LENGTH = 2_000;

  private record Token(String text, int column, boolean quoted) {
    boolean is(String word) {
      return !quoted && text.equalsIgnoreCase(word);
    }
  }

  private final List<Token> tokens;
  private final SignalCatalog catalog;
  private final int end;
  private int next;

  private ConditionParser(List<Token> tokens, SignalCatalog catalog, int end) {
    this.tokens = tokens;
    this.catalog = catalog;
    this.end = end;
  }

  public static Condition parse(String text, SignalCatalog catalog) {
    if (text == null || text.isBlank()) {
      throw new ConditionException(1, "the condition is empty; write e.g. 'frustration == high or human_request'");
    }
    if (text.length() > MAX_LENGTH) {
      throw new ConditionException(MAX_LENGTH, "the condition is longer than " + MAX_LENGTH + " characters");
    }
    var parser = new ConditionParser(tokenize(text), catalog, text.length() + 1);
    Condition condition = parser.or(0);
    if (parser.next < parser.tokens.size()) {
      Token extra = parser.tokens.get(parser.next);
      throw new ConditionException(extra.column(), "unexpected '" + extra.text() + "'; join conditions with 'and' or 'or'");
    }
    return condition;
  }

  private static List<Token> tokenize(String text) {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if ("()[],".indexOf(c) >= 0) {
        tokens.add(new Token(String.valueOf(c), i + 1, false));
        i++;
      } else if (c == '=' || c == '!' || c == '<' || c == '>') {
        boolean two = i + 1 < text.length() && text.charAt(i + 1) == '=';
        String operator = two ? text.substring(i, i + 2) : String.valueOf(c);
        if (operator.equals("=") || operator.equals("!")) {
          throw new ConditionException(i + 1, "'" + operator + "' is not an operator; use == or !=");
        }
        tokens.add(new Token(operator, i + 1, false));
        i += operator.length();
      } else if (c == '\'' || c == '"') {
        int close = text.indexOf(c, i + 1);
        if (close < 0) {
          throw new ConditionException(i + 1, "a quoted value is not closed");
        }
        tokens.add(new Token(text.substring(i + 1, close), i + 1, true));
        i = close + 1;
      } else if (Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.') {
        int start = i;
        while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || "_-.".indexOf(text.charAt(i)) >= 0)) {
          i++;
        }
        tokens.add(new Token(text.substring(start, i), start + 1, false));
      } else {
        throw new ConditionException(i + 1, "unexpected character '" + c + "'");
      }
    }
    return tokens;
  }

  private Condition or(int depth) {
    Condition left = and(depth);
    while (peekIs("or")) {
      next++;
      left = new Condition.Or(left, and(depth));
    }
    return left;
  }

  private Condition and(int depth) {
    Condition left = not(depth);
    while (peekIs("and")) {
      next++;
      left = new Condition.And(left, not(depth));
    }
    return left;
  }

  private Condition not(int depth) {
    if (depth > MAX_DEPTH) {
      throw new ConditionException(column(), "the condition nests deeper than " + MAX_DEPTH + " levels");
    }
    if (peekIs("not")) {
      next++;
      return new Condition.Not(not(depth + 1));
    }
    return primary(depth);
  }

  private Condition primary(int depth) {
    Token token = take("a signal name or '('");
    if (token.is("(")) {
      Condition inner = or(depth + 1);
      expect(")", "a closing ')'");
      return inner;
    }
    if (token.quoted() || isSymbol(token) || isKeyword(token)) {
      throw new ConditionException(token.column(), "expected a signal name, found '" + token.text() + "'");
    }
    String name = token.text().toLowerCase(Locale.ROOT);
    SignalCatalog.Signal signal = catalog.signal(name).orElseThrow(() -> new ConditionException(token.column(),
        "unknown signal '" + token.text() + "'" + YamlPositions.didYouMean(name, catalog.names()).map(s -> "; did you mean '" + s + "'?")
            .orElse("") + " Signals: " + catalog.names()));
    if (peekIs("in") || (peekIs("not") && next + 1 < tokens.size() && tokens.get(next + 1).is("in"))) {
      boolean negated = peekIs("not");
      next += negated ? 2 : 1;
      return membership(signal, token, values(), negated);
    }
    if (next < tokens.size() && isOperator(tokens.get(next))) {
      Token operatorToken = tokens.get(next++);
      Condition.Operator operator = operator(operatorToken.text());
      Token value = take("a value after '" + operatorToken.text() + "'");
      return compare(signal, token, operator, operatorToken, value);
    }
    return switch (signal.kind()) {
      case FLAG -> new Condition.Flag(signal.name());
      case WORDS -> new Condition.NotEmpty(signal.name());
      case NUMBER, LEVEL, TEXT -> throw new ConditionException(token.column(), "'" + signal.name() + "' is a "
          + kind(signal) + ", so it needs a comparison, e.g. " + example(signal));
    };
  }

  private Condition compare(SignalCatalog.Signal signal, Token name, Condition.Operator operator, Token operatorToken, Token value) {
    if (isSymbol(value) || (!value.quoted() && isKeyword(value))) {
      throw new ConditionException(value.column(), "expected a value after '" + operatorToken.text() + "', found '" + value.text() + "'");
    }
    boolean ordering = operator != Condition.Operator.EQ && operator != Condition.Operator.NE;
    return switch (signal.kind()) {
      case NUMBER -> {
        double number;
        try {
          number = Double.parseDouble(value.text());
        } catch (NumberFormatException e) {
          throw new ConditionException(value.column(), "'" + signal.name() + "' is a number; '" + value.text() + "' is not");
        }
        if (number < signal.min() || number > signal.max()) {
          throw new ConditionException(value.column(), "'" + signal.name() + "' runs from " + plain(signal.min()) + " to "
              + plain(signal.max()) + "; " + value.text() + " is out of range");
        }
        yield new Condition.NumberCompare(signal.name(), operator, number);
      }
      case LEVEL -> {
        String level = value.text().toLowerCase(Locale.ROOT);
        if (!signal.levels().contains(level)) {
          throw new ConditionException(value.column(), "'" + signal.name() + "' is one of " + signal.levels() + ", not '" + value.text() + "'");
        }
        yield new Condition.LevelCompare(signal.name(), operator, level, signal.levels());
      }
      case TEXT, WORDS -> {
        if (ordering) {
          throw new ConditionException(operatorToken.column(), "'" + signal.name() + "' can only be compared with ==, != or in [...]");
        }
        List<String> values = List.of(value.text().toLowerCase(Locale.ROOT));
        boolean negated = operator == Condition.Operator.NE;
        yield signal.kind() == SignalCatalog.Kind.TEXT
            ? new Condition.TextIn(signal.name(), values, negated)
            : new Condition.WordsIn(signal.name(), values, negated);
      }
      case FLAG -> throw new ConditionException(operatorToken.column(), "'" + signal.name()
          + "' is yes/no: write '" + signal.name() + "' or 'not " + signal.name() + "'");
    };
  }

  private Condition membership(SignalCatalog.Signal signal, Token name, List<Token> values, boolean negated) {
    List<String> words = values.stream().map(token -> token.text().toLowerCase(Locale.ROOT)).toList();
    return switch (signal.kind()) {
      case TEXT -> new Condition.TextIn(signal.name(), words, negated);
      case WORDS -> new Condition.WordsIn(signal.name(), words, negated);
      case LEVEL -> {
        for (Token value : values) {
          if (!signal.levels().contains(value.text().toLowerCase(Locale.ROOT))) {
            throw new ConditionException(value.column(), "'" + signal.name() + "' is one of " + signal.levels() + ", not '" + value.text() + "'");
          }
        }
        Condition any = null;
        for (String word : words) {
          Condition one = new Condition.LevelCompare(signal.name(), Condition.Operator.EQ, word, signal.levels());
          any = any == null ? one : new Condition.Or(any, one);
        }
        yield negated ? new Condition.Not(any) : any;
      }
      case NUMBER, FLAG -> throw new ConditionException(name.column(), "'" + signal.name() + "' is a " + kind(signal)
          + "; 'in [...]' works for topic, keyword and levels");
    };
  }

  private List<Token> values() {
    expect("[", "'[' to start the list");
    List<Token> values = new ArrayList<>();
    while (true) {
      Token value = take("a value or ']'");
      if (value.is("]") && values.isEmpty()) {
        throw new ConditionException(value.column(), "the list is empty");
      }
      if (isSymbol(value)) {
        throw new ConditionException(value.column(), "expected a value, found '" + value.text() + "'");
      }
      values.add(value);
      Token separator = take("',' or ']'");
      if (separator.is("]")) {
        return values;
      }
      if (!separator.is(",")) {
        throw new ConditionException(separator.column(), "expected ',' or ']', found '" + separator.text() + "'");
      }
    }
  }

  private Token take(String expected) {
    if (next >= tokens.size()) {
      throw new ConditionException(end, "the condition ends where " + expected + " was expected");
    }
    return tokens.get(next++);
  }

  private void expect(String symbol, String expected) {
    Token token = take(expected);
    if (!token.is(symbol)) {
      throw new ConditionException(token.column(), "expected " + expected + ", found '" + token.text() + "'");
    }
  }

  private boolean peekIs(String word) {
    return next < tokens.size() && tokens.get(next).is(word);
  }

  private int column() {
    return next < tokens.size() ? tokens.get(next).column() : end;
  }

  private static boolean isSymbol(Token token) {
    return !token.quoted() && "()[],".contains(token.text()) && token.text().length() == 1 || isOperator(token);
  }

  private static boolean isOperator(Token token) {
    return !token.quoted() && List.of("==", "!=", "<", "<=", ">", ">=").contains(token.text());
  }

  private static boolean isKeyword(Token token) {
    return token.is("and") || token.is("or") || token.is("not") || token.is("in");
  }

  private static Condition.Operator operator(String symbol) {
    for (Condition.Operator operator : Condition.Operator.values()) {
      if (operator.symbol.equals(symbol)) {
        return operator;
      }
    }
    throw new IllegalArgumentException(symbol);
  }

  private static String kind(SignalCatalog.Signal signal) {
    return switch (signal.kind()) {
      case NUMBER -> "number";
      case LEVEL -> "level (" + String.join(" < ", signal.levels()) + ")";
      case FLAG -> "yes/no signal";
      case TEXT -> "text";
      case WORDS -> "set of words";
    };
  }

  private static String example(SignalCatalog.Signal signal) {
    return switch (signal.kind()) {
      case NUMBER -> "'" + signal.name() + " < " + plain((signal.min() + Math.min(signal.max(), 1)) / 2) + "'";
      case LEVEL -> "'" + signal.name() + " == " + signal.levels().getLast() + "'";
      case TEXT -> "'" + signal.name() + " in [billing_dispute]'";
      case FLAG, WORDS -> "'" + signal.name() + "'";
    };
  }

  private static String plain(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }
}
