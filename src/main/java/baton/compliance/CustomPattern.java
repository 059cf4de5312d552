package baton.compliance;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A sensitive pattern the bot spec adds, such as a loyalty account number: its name (for logs and
 * errors), a Java regular expression, and the mask that replaces each match (for example
 * {@code "[account number]"}). The whole match is masked; matches of zero length are ignored.
 */
public record CustomPattern(String name, String regex, String mask) {
  public CustomPattern {
    requireNonNull(name, "name");
    requireNonNull(regex, "regex");
    requireNonNull(mask, "mask");
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
