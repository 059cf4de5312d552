package baton.compliance;

import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/**
 * US social security numbers: {@code ddd-dd-dddd} or {@code ddd dd dddd} (the same separator twice)
 * anywhere, and nine bare digits only right after "SSN" or "social security". Numbers the SSA never
 * issues are skipped: area 000, 666 or 900–999, group 00, serial 0000. Immutable and thread-safe.
 */
final class SsnDetector implements Detector {
  private static final Pattern SEPARATED =
      Pattern.compile("(?<![0-9A-Za-z-])([0-9]{3})([- ])([0-9]{2})\\2([0-9]{4})(?![0-9A-Za-z]|-[0-9])");
  private static final Pattern NAMED = Pattern.compile(
      "(?i)\\b(?:ssn|ss#|social\\s+security(?:\\s+(?:number|no\\.?|#))?)[^0-9\\n]{0,20}?(?<![0-9])([0-9]{3})()([0-9]{2})([0-9]{4})(?![0-9])");

  @Override
  public void findIn(ScannedText text, List<Finding> into) {
    text.eachMatchAtStarts(SEPARATED, at -> Detector.isAsciiDigit(text.charAt(at)) && text.startsAfter(at, Detector::isTokenChar),
        match -> add(match, into));
    text.eachMatchAtKeywords(NAMED, List.of("ssn", "ss#", "social"), match -> add(match, into));
  }

  private static void add(MatchResult match, List<Finding> into) {
    if (issuable(match.group(1), match.group(3), match.group(4))) {
      into.add(new Finding(SecretKind.NATIONAL_ID, match.start(1), match.end(4), "[ssn]"));
    }
  }

  static boolean issuable(String area, String group, String serial) {
    return !area.equals("000") && !area.equals("666") && area.charAt(0) != '9' && !group.equals("00")
        && !serial.equals("0000");
  }
}
