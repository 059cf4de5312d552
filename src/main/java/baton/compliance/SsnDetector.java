package baton.compliance;

import java.util.List;
import java.util.regex.Matcher;
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
  public void findIn(String text, List<Finding> into) {
    for (Pattern pattern : List.of(SEPARATED, NAMED)) {
      Matcher matcher = pattern.matcher(text);
      while (matcher.find()) {
        if (issuable(matcher.group(1), matcher.group(3), matcher.group(4))) {
          into.add(new Finding(SecretKind.NATIONAL_ID, matcher.start(1), matcher.end(4), "[ssn]"));
        }
      }
    }
  }

  static boolean issuable(String area, String group, String serial) {
    return !area.equals("000") && !area.equals("666") && area.charAt(0) != '9' && !group.equals("00")
        && !serial.equals("0000");
  }
}
