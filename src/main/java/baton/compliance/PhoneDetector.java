package baton.compliance;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Phone numbers with 7–15 digits. Digits alone are ambiguous (order numbers, dates, amounts), so a
 * candidate counts when its shape says phone: international ({@code +} and 8–15 digits), North
 * American ({@code (415) 555-0132}, {@code 415-555-0132}, {@code 415.555.0132}), a national trunk
 * prefix, 10–11 digits with separators ({@code 020 7946 0958}), or any 7–15 digits right after a calling word
 * ("call me on", "mobile", "tel"). Immutable and thread-safe.
 */
final class PhoneDetector implements Detector {
  private static final Pattern CANDIDATE =
      Pattern.compile("(?<![A-Za-z0-9_+#/.,:-])(\\+?\\(?[0-9][0-9 ().-]{4,22})(?<=[0-9])(?![A-Za-z0-9_/-]|[.,][0-9])");
  private static final Pattern TRIM = Pattern.compile("[0-9)]");
  private static final Pattern NORTH_AMERICAN =
      Pattern.compile("(?:\\+?1[ .-]?)?(?:\\([0-9]{3}\\) ?|[0-9]{3}[ .-])[0-9]{3}[ .-][0-9]{4}");
  private static final Pattern NATIONAL = Pattern.compile("0[1-9][0-9]{0,3}(?:[ .-][0-9]{2,8}){1,4}");
  private static final Pattern INTERNATIONAL = Pattern.compile("\\+[1-9][0-9 ().-]*");
  private static final Pattern CALLING_WORD = Pattern.compile(
      "(?i)\\b(?:call|phone|tel|telephone|mobile|cell|whatsapp|text\\s+me|reach\\s+me|contact\\s+me|fax|ring\\s+me)\\b[^0-9\\n]{0,16}$");

  @Override
  public void findIn(ScannedText scanned, List<Finding> into) {
    String text = scanned.text;
    scanned.eachMatchAtStarts(CANDIDATE, at -> {
      char c = text.charAt(at);
      return Detector.isAsciiDigit(c) || c == '+' || c == '(';
    }, candidate -> {
      String number = candidate.group(1);
      int digits = 0;
      for (int i = 0; i < number.length(); i++) {
        digits += Detector.isAsciiDigit(number.charAt(i)) ? 1 : 0;
      }
      if (digits < 7 || digits > 15 || number.contains("  ") || !balanced(number)) {
        return;
      }
      boolean shaped = (number.startsWith("+") && digits >= 8 && INTERNATIONAL.matcher(number).matches())
          || (digits >= 10 && NORTH_AMERICAN.matcher(number).matches())
          || (digits >= 10 && digits <= 11 && NATIONAL.matcher(number).matches());
      if (shaped || calledFor(text, candidate.start(1))) {
        into.add(new Finding(SecretKind.PHONE, candidate.start(1), candidate.end(1), "[phone]"));
      }
    });
  }

  private static boolean calledFor(String text, int start) {
    Matcher word = CALLING_WORD.matcher(text);
    word.region(Math.max(0, start - 40), start);
    return word.find();
  }

  private static boolean balanced(String number) {
    int open = number.indexOf('(');
    int close = number.indexOf(')');
    return open < 0 && close < 0 || open >= 0 && close > open && number.indexOf('(', open + 1) < 0;
  }
}
