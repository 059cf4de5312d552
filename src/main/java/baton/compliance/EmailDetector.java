package baton.compliance;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Email addresses (a practical subset of RFC 5322: no quoted local parts, no IP literals). Immutable and thread-safe. */
final class EmailDetector implements Detector {
  private static final Pattern EMAIL = Pattern.compile(
      "(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.){1,8}[A-Za-z]{2,24}(?![A-Za-z0-9-]|\\.[A-Za-z0-9])");

  @Override
  public void findIn(ScannedText text, List<Finding> into) {
    // Anchored on each '@': the local part is walked back by hand, then the pattern tried once there.
    Matcher email = EMAIL.matcher(text.text);
    email.useTransparentBounds(true);
    int claimed = 0;
    for (int at = text.text.indexOf('@'); at >= 0; at = text.text.indexOf('@', at + 1)) {
      int start = at;
      while (start > claimed && at - start < 64 && isLocal(text.charAt(start - 1))) {
        start--;
      }
      if (start < at) {
        email.region(start, text.length());
        if (email.lookingAt()) {
          into.add(new Finding(SecretKind.EMAIL, email.start(), email.end(), "[email]"));
          claimed = email.end();
        }
      }
    }
  }

  private static boolean isLocal(char c) {
    return Detector.isAsciiLetterOrDigit(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
  }
}
