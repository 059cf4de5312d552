package baton.compliance;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One-time codes a customer repeats back: "OTP 123456", "verification code: 4829", "the code is
 * 482913". Values are 4–8 digits, or 3+3 digits with a space or dash ("482 913").
 *
 * <p>A named code ("verification code", "OTP", "2FA code", "login code") may be followed by the digits
 * directly. The bare word "code" needs a determiner and a stating verb ("the code is 482913"), because
 * "zip code 90210", "promo code 12345" and "error code 5001" are not secrets. "Security code" belongs
 * to {@link CardSecurityCodeDetector}. Immutable and thread-safe.
 */
final class OneTimeCodeDetector implements Detector {
  private static final String VALUE = "([0-9]{4,8}|[0-9]{3}[ -][0-9]{3})(?![0-9]|[.,/][0-9])";
  private static final Pattern NAMED = Pattern.compile(
      "(?i)\\b(?:otp|totp|one[- ]time\\s+(?:pass)?(?:code|password|pin)|verification\\s+code|verify\\s+code"
          + "|2fa\\s+code|two[- ]factor\\s+code|mfa\\s+code|auth(?:entication)?\\s+code|sms\\s+code|text\\s+code"
          + "|login\\s+code|log[- ]in\\s+code|sign[- ]?in\\s+code|access\\s+code|confirmation\\s+pin)"
          + "(?:\\s+(?:is|was|i\\s+got(?:\\s+(?:is|was))?|i\\s+received(?:\\s+(?:is|was))?|you\\s+sent(?:\\s+me)?(?:\\s+(?:is|was))?"
          + "|from\\s+the\\s+(?:sms|text|email)(?:\\s+(?:is|was))?))?\\s*[:=#-]?\\s*" + VALUE);
  private static final Pattern BARE = Pattern.compile(
      "(?i)\\b(?:(?:got|received|entered|typed|tried|used)\\s+(?:the|this|that|a|your)\\s+code\\s*[:=]?\\s*"
          + "|(?:the|my|this|that|your)\\s+code\\s+(?:(?:i|you)\\s+(?:got|received|sent(?:\\s+me)?)\\s+)?(?:is|was)\\s*[:=]?\\s*)"
          + VALUE);

  @Override
  public void findIn(String text, List<Finding> into) {
    for (Pattern pattern : List.of(NAMED, BARE)) {
      Matcher matcher = pattern.matcher(text);
      while (matcher.find()) {
        into.add(new Finding(SecretKind.ONE_TIME_CODE, matcher.start(1), matcher.end(1), "[one-time code]"));
      }
    }
  }
}
