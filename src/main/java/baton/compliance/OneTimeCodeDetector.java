package baton.compliance;

import java.util.List;
import java.util.regex.MatchResult;
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
  /** Every pattern names a code, a password or a pin, or says OTP. */
  private static final List<String> CODE_WORDS = List.of("code", "otp", "password", "pin");
  private static final List<String> NAMED_KEYWORDS = List.of("otp", "totp", "one", "verif", "2fa", "two", "mfa", "auth",
      "sms", "text", "log", "sign", "access", "confirmation");
  private static final List<String> BARE_KEYWORDS =
      List.of("got", "received", "entered", "typed", "tried", "used", "the", "my", "this", "that", "your");
  private static final Pattern BARE = Pattern.compile(
      "(?i)\\b(?:(?:got|received|entered|typed|tried|used)\\s+(?:the|this|that|a|your)\\s+code\\s*[:=]?\\s*"
          + "|(?:the|my|this|that|your)\\s+code\\s+(?:(?:i|you)\\s+(?:got|received|sent(?:\\s+me)?)\\s+)?(?:is|was)\\s*[:=]?\\s*)"
          + VALUE);

  @Override
  public void findIn(ScannedText text, List<Finding> into) {
    if (!text.mentionsAny(CODE_WORDS)) {
      return;
    }
    text.eachMatchAtKeywords(NAMED, NAMED_KEYWORDS, match -> add(match, into));
    text.eachMatchAtKeywords(BARE, BARE_KEYWORDS, match -> add(match, into));
  }

  private static void add(MatchResult match, List<Finding> into) {
    into.add(new Finding(SecretKind.ONE_TIME_CODE, match.start(1), match.end(1), "[one-time code]"));
  }
}
