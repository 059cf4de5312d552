package baton.compliance;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Order numbers: the configured pattern (by default an optional {@code #}, up to three capital
 * letters, an optional dash and five or more digits) within {@value #WINDOW} characters after the
 * word "order" ("order #KO-48213", "my order number is 1234567"). The same digits without the word
 * are not claimed, since nothing says they are an order. Immutable and thread-safe.
 */
final class OrderIdDetector implements Detector {
  static final String DEFAULT_PATTERN = "#?[A-Z]{0,3}-?[0-9]{5,20}";
  static final int WINDOW = 30;
  private static final Pattern ORDER_WORD = Pattern.compile("(?i)\\border\\b");

  private final Pattern id;

  OrderIdDetector(String idRegex) {
    this.id = Pattern.compile("(?<![A-Za-z0-9#-])(?:" + idRegex + ")(?![A-Za-z0-9])");
  }

  @Override
  public void findIn(ScannedText scanned, List<Finding> into) {
    if (!scanned.lower.contains("order")) {
      return;
    }
    String text = scanned.text;
    Matcher word = ORDER_WORD.matcher(text);
    int claimedUpTo = 0;
    while (word.find()) {
      Matcher match = id.matcher(text);
      match.useTransparentBounds(true);
      match.useAnchoringBounds(false);
      match.region(Math.max(word.end(), claimedUpTo), Math.min(text.length(), word.end() + WINDOW));
      if (match.find() && match.end() > match.start()) {
        into.add(new Finding(SecretKind.ORDER_ID, match.start(), match.end(), "[order id]"));
        claimedUpTo = match.end();
      }
    }
  }
}
