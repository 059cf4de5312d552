package baton.compliance;

import java.util.List;

/**
 * One recogniser. Detectors may report overlapping findings (a card number is also a run of digits a
 * phone detector might like); {@link SecretScanner} decides between them. Every detector is immutable
 * and thread-safe, and must stay linear in the text: patterns use bounded or possessive quantifiers.
 */
sealed interface Detector
    permits LuhnCardDetector, CardSecurityCodeDetector, CardExpiryDetector, PasswordDetector, OneTimeCodeDetector,
        ApiKeyDetector, IbanDetector, SsnDetector, EmailDetector, PhoneDetector, OrderIdDetector, CustomPatternDetector {

  /** Adds what this detector finds in {@code text} to {@code into}. */
  void findIn(ScannedText text, List<Finding> into);

  static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isTokenChar(int c) {
    return isAsciiLetterOrDigit((char) c) || c == '_' || c == '-';
  }

  static boolean isAsciiLetterOrDigit(char c) {
    return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
  }
}
