package baton.compliance;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A sensitive pattern the bot spec adds, such as a loyalty account number: its name (for logs and
 * errors), a Java regular expression, and the mask that replaces each match (for example
 * {@code "[account number]"}). The whole match is masked; matches of zero length are ignored.
 *
 * <p>{@code keywords}, when given, make the pattern run only on texts that mention one of them (any
 * case), for a pattern too loose to run everywhere ("8 digits" after "loyalty") or too costly to.
 */
public record CustomPattern(String name, String regex, String mask, List<String> keywords) {
  /** A pattern tried on every text. */
  public CustomPattern(String name, String regex, String mask) {
    this(name, regex, mask, List.of());
  }

  public CustomPattern {
    requireNonNull(name, "name");
    requireNonNull(regex, "regex");
    requireNonNull(mask, "mask");
    keywords = keywords.stream().map(keyword -> keyword.toLowerCase(Locale.ROOT)).toList();
    if (keywords.stream().anyMatch(String::isBlank)) {
      throw new IllegalArgumentException("custom pattern " + name + ": keywords must not be blank");
    }
    if (name.isBlank()) {
      throw new IllegalArgumentException("a custom pattern needs a name");
    }
    try {
      Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("custom pattern " + name + ": invalid regular expression: " + e.getDescription(), e);
    }
  }

  Pattern compiled() {
    return Pattern.compile(regex);
  }
}
