package baton.signals;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises the secrets customers most often paste into support chats: payment card numbers
 * (13–19 digits, spaced or dashed, that pass the Luhn check, so order numbers and phone numbers do
 * not count), card security codes given as such, and passwords or one-time codes given as such.
 * Immutable and thread-safe.
 */
public final class PaymentAndSecretDetector implements SensitiveDataDetector {
  private static final Pattern CARD = Pattern.compile("(?<![\\d-])(?:\\d[ -]?){12,18}\\d(?![\\d-])");
  private static final Pattern SECURITY_CODE = Pattern.compile("(?i)\\b(?:cvv2?|cvc2?|security code)\\b\\D{0,12}\\d{3,4}\\b");
  private static final Pattern PASSWORD = Pattern.compile(
      "(?i)\\b(?:my\\s+)?(?:password|passcode|passwd|pwd|pin|one[- ]time code|otp|verification code)\\s*(?:is|was|:|=)\\s*\\S{3,}");

  @Override
  public List<String> kindsIn(String text) {
    List<String> kinds = new ArrayList<>();
    Matcher card = CARD.matcher(text);
    while (card.find()) {
      if (luhn(card.group().replaceAll("[ -]", ""))) {
        kinds.add("payment card number");
        break;
      }
    }
    if (SECURITY_CODE.matcher(text).find()) {
      kinds.add("card security code");
    }
    if (PASSWORD.matcher(text).find()) {
      kinds.add("password or one-time code");
    }
    return kinds;
  }

  static boolean luhn(String digits) {
    int sum = 0;
    boolean doubled = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int digit = digits.charAt(i) - '0';
      if (doubled) {
        digit *= 2;
        if (digit > 9) {
          digit -= 9;
        }
      }
      sum += digit;
      doubled = !doubled;
    }
    return sum % 10 == 0;
  }
}
