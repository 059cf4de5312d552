package baton.compliance;

import java.util.List;
import java.util.regex.MatchResult;
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
  private static final List<String> CARD_KEYWORDS = List.of("exp", "valid", "good");
  private static final List<String> GENERAL_KEYWORDS = List.of("expir");
  private static final List<String> CARD_WORDS =
      List.of("card", "visa", "master", "amex", "american express", "discover", "debit", "credit", "cvv", "cvc");
  private static final Pattern AFTER_CARD = Pattern.compile(
      "\\G(?:[\\s,;:|()-]|(?i:" + CardSecurityCodeDetector.TAIL_WORDS + ")\\b|(?<![0-9])[0-9]{3,4}(?![0-9/]))*?"
          + "((?<![0-9])(?:0?[1-9]|1[0-2])\\s?/\\s?(?:20)?[0-9]{2})(?![0-9/]|[.,][0-9])");

  @Override
  public void findIn(ScannedText text, List<Finding> into) {
    text.eachMatchAtKeywords(CARD_KEYWORD, CARD_KEYWORDS, match -> add(match, into));
    List<LuhnCardDetector.Card> found = text.cards();
    if (!found.isEmpty() || text.mentionsAny(CARD_WORDS)) {
      text.eachMatchAtKeywords(GENERAL_KEYWORD, GENERAL_KEYWORDS, match -> add(match, into));
    }
    for (LuhnCardDetector.Card card : found) {
      Matcher after = AFTER_CARD.matcher(text.text);
      after.useTransparentBounds(true);
      after.region(card.end(), Math.min(text.length(), card.end() + CardSecurityCodeDetector.TAIL));
      if (after.lookingAt()) {
        into.add(new Finding(SecretKind.CARD_EXPIRY, after.start(1), after.end(1), "[expiry]"));
      }
    }
  }

  private static void add(MatchResult match, List<Finding> into) {
    into.add(new Finding(SecretKind.CARD_EXPIRY, match.start(1), match.end(1), "[expiry]"));
  }
}
