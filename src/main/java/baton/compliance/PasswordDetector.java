package baton.compliance;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Passwords and PINs a customer states: "my password is hunter2", "pw: X", "password=...", "the pin
 * is 1234". Only the value is masked, so the reader still sees what was said: "my password is
 * [password]".
 *
 * <p>Precision comes from two rules. The value must follow a stating phrase ("is", "was", ":", "="),
 * so "password reset" or "I forgot my password" never fire. And a value that is an ordinary word
 * describing the password ("my password is wrong", "is not working", "was reset") is not a password;
 * those are caught by a stop list plus the rule that a lower-case word ending in -ed or -ing is a verb
 * form. A real password that is such a word is missed; that is the price of not masking complaints.
 * Immutable and thread-safe.
 */
final class PasswordDetector implements Detector {
  private static final Pattern STATED = Pattern.compile(
      "(?i)\\b(?:password|passcode|passwd|passphrase|pass\\s+phrase|pwd|pw|pin(?:\\s+(?:code|number))?)"
          + "(?:\\s+(?:is|was|would\\s+be|will\\s+be|should\\s+be|i\\s+used\\s+(?:is|was)|i\\s+use\\s+is|i\\s+set\\s+(?:is|was)"
          + "|i\\s+tried\\s+(?:is|was))(?:\\s+(?:now|still|just))?\\s*[:=]?|\\s*[:=])\\s*[\"'“‘]?([^\\s\"'”’]{3,}+)");
  private static final Set<String> NOT_A_PASSWORD = Set.copyOf(List.of(
      "not", "wrong", "incorrect", "invalid", "correct", "right", "too", "still", "the", "a", "an", "my", "your",
      "same", "different", "working", "changed", "reset", "blocked", "locked", "required", "needed", "case",
      "being", "very", "really", "now", "also", "just", "definitely", "fine", "ok", "okay", "long", "short", "weak",
      "strong", "secure", "saved", "stored", "sent", "empty", "blank", "missing", "lost", "forgotten", "gone",
      "there", "here", "this", "that", "it", "what", "which", "set", "stuck", "broken", "rejected", "accepted",
      "please", "and", "or", "for", "to", "of", "in", "on", "at", "with", "without", "so", "no", "yes", "none",
      "nothing", "something", "whatever", "unknown", "hidden", "masked", "encrypted", "change", "update", "help",
      "again", "expired", "only", "new", "old", "all", "any", "is", "was", "wont", "won't", "doesn't",
      "isn't", "wasn't", "does", "did", "has", "have", "had", "can", "cannot", "can't", "will", "would", "should",
      "mine", "his", "her", "their", "our", "some", "supposed", "meant", "asking", "sensitive", "private",
      "secret", "personal", "safe", "unsafe", "good", "bad", "easy", "hard", "simple", "complicated",
      "characters", "letters", "digits", "numbers", "requirements", "rules", "field", "box", "page", "link",
      "email", "screen", "form", "like", "because", "since", "when", "where", "why", "how", "who", "if", "but"));
  private static final List<String> KEYWORDS = List.of("pass", "pwd", "pw", "pin");
  private static final Pattern TRAILING_PUNCTUATION = Pattern.compile("[.,;:?)\\]]+$");

  @Override
  public void findIn(ScannedText text, List<Finding> into) {
    text.eachMatchAtKeywords(STATED, KEYWORDS, stated -> {
      int start = stated.start(1);
      String value = stated.group(1);
      Matcher trailing = TRAILING_PUNCTUATION.matcher(value);
      if (trailing.find()) {
        value = value.substring(0, trailing.start());
      }
      if (value.length() >= 3 && !describesThePassword(value)) {
        into.add(new Finding(SecretKind.PASSWORD, start, start + value.length(), "[password]"));
      }
    });
  }

  private static boolean describesThePassword(String value) {
    String lower = value.toLowerCase(Locale.ROOT);
    if (NOT_A_PASSWORD.contains(lower)) {
      return true;
    }
    boolean plainWord = value.chars().allMatch(c -> c >= 'a' && c <= 'z' || c == '\'');
    return plainWord && lower.length() >= 5 && (lower.endsWith("ed") || lower.endsWith("ing") || lower.endsWith("n't"));
  }
}
