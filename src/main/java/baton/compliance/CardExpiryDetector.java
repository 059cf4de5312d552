package baton.compliance;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Card expiry dates (MM/YY, MM/YYYY, also with a dash after a keyword) in card context: after a
 * card-only keyword ("exp 04/27", "valid thru 04/27"), after a general keyword ("expires 04/2027")
 * only when the message talks about a card at all, or in the short tail after a card number. A date
 * alone is just a date. Immutable and thread-safe.
 */
final class CardExpiryDetector implements Detector {
  private static final String DATE = "((?<![0-9])(?:0?[1-9]|1[0-2])\\s?[/-]\\s?(?:20)?[0-9]{2})(?![0-9/]|[.,][0-9])";
  private static final Pattern CARD_KEYWORD = Pattern.compile(
      "(?i)\\b(?:exp\\.?|valid\\s+(?:thru|through|till|until)|good\\s+(?:thru|through))(?:\\s+date)?[\\s:=-]{0,3}"
          + "(?:(?:is|on)\\s+)?" + DATE);
  private static final Pattern GENERAL_KEYWORD = Pattern.compile(
      "(?i)\\b(?:expires|expiry|expiration|expiring|expired)\\b[^0-9\\n]{0,24}?" + DATE);
  private static final Pattern TALKS_ABOUT_CARDS = Pattern.compile(
      "(?i)\\b(?:card|visa|mastercard|master\\s+card|amex|american\\s+express|discover|debit|credit|cvv|cvc)\\b");
  private static final Pattern AFTER_CARD = Pattern.compile(
      "\\G(?:[\\s,;:|()-]|(?i:" + CardSecurityCodeDetector.TAIL_WORDS + ")\\b|(?<![0-9])[0-9]{3,4}(?![0-9/]))*?"
          + "((?<![0-9])(?:0?[1-9]|1[0-2])\\s?/\\s?(?:20)?[0-9]{2})(?![0-9/]|[.,][0-9])");

  private final LuhnCardDetector cards;

  CardExpiryDetector(LuhnCardDetector cards) {
    this.cards = cards;
  }

  @Override
  public void findIn(String text, List<Finding> into) {
    addAll(CARD_KEYWORD.matcher(text), into);
    List<LuhnCardDetector.Card> found = cards.cards(text);
    if (!found.isEmpty() || TALKS_ABOUT_CARDS.matcher(text).find()) {
      addAll(GENERAL_KEYWORD.matcher(text), into);
    }
    for (LuhnCardDetector.Card card : found) {
      Matcher after = AFTER_CARD.matcher(text);
      after.useTransparentBounds(true);
      after.region(card.end(), Math.min(text.length(), card.end() + CardSecurityCodeDetector.TAIL));
      if (after.lookingAt()) {
        into.add(new Finding(SecretKind.CARD_EXPIRY, after.start(1), after.end(1), "[expiry]"));
      }
    }
  }

  private static void addAll(Matcher matcher, List<Finding> into) {
    while (matcher.find()) {
      into.add(new Finding(SecretKind.CARD_EXPIRY, matcher.start(1), matcher.end(1), "[expiry]"));
    }
  }
}
