package baton.signals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds policy keywords and phrases in customer text: whole words only ("sue" matches "I will sue",
 * not "issue"), any case, any run of spaces between a phrase's words. Groups name what was found
 * ({@code legal}, {@code chargeback}), which is what rules test. Immutable and thread-safe.
 */
public final class KeywordMatcher {
  private final Map<String, List<Pattern>> groups = new LinkedHashMap<>();

  public KeywordMatcher(Map<String, List<String>> phrasesByGroup) {
    phrasesByGroup.forEach((group, phrases) -> {
      List<Pattern> patterns = new ArrayList<>();
      for (String phrase : phrases) {
        patterns.add(phrasePattern(phrase));
      }
      groups.put(group, List.copyOf(patterns));
    });
  }

  /** A pattern for one phrase with word boundaries that also work next to digits and non-ASCII letters. */
  public static Pattern phrasePattern(String phrase) {
    String[] words = phrase.strip().toLowerCase(Locale.ROOT).split("\\s+");
    var regex = new StringBuilder("(?<![\\p{L}\\p{N}])");
    for (int i = 0; i < words.length; i++) {
      regex.append(i == 0 ? "" : "\\s+").append(Pattern.quote(words[i]));
    }
    return Pattern.compile(regex.append("(?![\\p{L}\\p{N}])").toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }

  /** The groups with at least one phrase in {@code text}, in spec order. */
  public Set<String> groupsIn(String text) {
    Set<String> found = new LinkedHashSet<>();
    groups.forEach((group, patterns) -> {
      if (patterns.stream().anyMatch(pattern -> pattern.matcher(text).find())) {
        found.add(group);
      }
    });
    return found;
  }

  /** The phrases of any group found in {@code text}, as written in the text, for the decision log. */
  public List<String> phrasesIn(String text) {
    List<String> found = new ArrayList<>();
    groups.values().forEach(patterns -> patterns.forEach(pattern -> {
      var matcher = pattern.matcher(text);
      if (matcher.find()) {
        found.add(matcher.group());
      }
    }));
    return found;
  }
}
