package baton.compliance;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Email addresses (a practical subset of RFC 5322: no quoted local parts, no IP literals). Immutable and thread-safe. */
final class EmailDetector implements Detector {
  private static final Pattern EMAIL = Pattern.compile(
      "(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.){1,8}[A-Za-z]{2,24}(?![A-Za-z0-9-]|\\.[A-Za-z0-9])");

  @Override
  public void findIn(String text, List<Finding> into) {
    Matcher email = EMAIL.matcher(text);
    while (email.find()) {
      into.add(new Finding(SecretKind.EMAIL, email.start(), email.end(), "[email]"));
    }
  }
}
