package baton.compliance;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Card security codes (CVV, CVC, CID): three or four digits, but only in card context, because three
 * digits alone are everywhere (prices, room numbers, error codes). Context is either a naming phrase
 * just before ("cvv 123", "security code: 1234", "the 3 digits on the back are 123") or the short tail
 * right after a card number ("4242 4242 4242 4242 04/27 123"), where only separators, an expiry date
 * and a few card words may come between. Immutable and thread-safe.
 */
final class CardSecurityCodeDetector implements Detector {
  /** How far after a card number its code may stand. */
  static final int TAIL = 40;
  static final String TAIL_WORDS =
      "exp(?:iry|ires|iration)?|cvv2?|cvc2?|csc|cvn|cid|and|date|code|security|valid|thru|until|ccv|sc";
  static final String EXPIRY_DATE = "(?<![0-9])(?:0?[1-9]|1[0-2])\\s?[/-]\\s?(?:20)?[0-9]{2}(?![0-9/])";

  private static final Pattern NAMED = Pattern.compile(
      "(?i)\\b(?:cvv2?|cvc2?|cvn|csc|ccv|cid|security\\s+code|card\\s+(?:security\\s+|verification\\s+)?code"
          + "|card\\s+verification\\s+value"
          + "|(?:3|4|three|four)[ -]digits?(?:\\s+code)?\\s+(?:on|at|from)\\s+the\\s+back(?:\\s+of\\s+(?:the|my)\\s+card)?"
          + "|digits\\s+(?:on|at|from)\\s+the\\s+back(?:\\s+of\\s+(?:the|my)\\s+card)?"
          + "|code\\s+(?:on|at|from)\\s+the\\s+back(?:\\s+of\\s+(?:the|my)\\s+card)?)\\b"
          + "[^0-9\\n]{0,20}?(?<![0-9])([0-9]{3,4})(?![0-9]|[/.,][0-9])");
  private static final Pattern AFTER_CARD = Pattern.compile(
      "\\G(?:[\\s,;:|()/.-]|(?i:" + TAIL_WORDS + ")\\b|" + EXPIRY_DATE + ")*?"
          + "(?<![0-9])([0-9]{3,4})(?![0-9/]|[.,][0-9])");

  private static final List<String> KEYWORDS = List.of("cvv", "cvc", "cvn", "csc", "ccv", "cid", "security", "card",
      "3 digit", "3-digit", "4 digit", "4-digit", "three", "four", "digits", "code");

  @Override
  public void findIn(ScannedText text, List<Finding> into) {
    text.eachMatchAtKeywords(NAMED, KEYWORDS,
        named -> into.add(new Finding(SecretKind.CARD_SECURITY_CODE, named.start(1), named.end(1), "[security code]")));
    for (LuhnCardDetector.Card card : text.cards()) {
      Matcher after = AFTER_CARD.matcher(text.text);
      after.useTransparentBounds(true);
      after.region(card.end(), Math.min(text.length(), card.end() + TAIL));
      if (after.lookingAt()) {
        into.add(new Finding(SecretKind.CARD_SECURITY_CODE, after.start(1), after.end(1), "[security code]"));
      }
    }
  }
}
