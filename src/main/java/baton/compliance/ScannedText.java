package baton.compliance;

import java.util.BitSet;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntPredicate;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One text being scanned, with what several detectors share: an ASCII-lower-cased twin of the same
 * length (so offsets agree; {@link String#toLowerCase} may change the length) and the cards found in
 * it, computed once.
 *
 * <p>Why the two matching helpers: {@code Matcher.find} tries a pattern at every position, and a
 * case-insensitive alternation of keywords costs tens of microseconds over 2,000 characters. Almost
 * every position can be ruled out by a {@code String.indexOf} on the lower-cased text (intrinsified)
 * or by one character test, so patterns are tried only where they can start. Matches are reported
 * left to right without overlap, as {@code find} would.
 *
 * <p>Not thread-safe (the cards are memoised); one instance lives for one scan.
 */
final class ScannedText {
  final String text;
  final String lower;
  private List<LuhnCardDetector.Card> cards;

  ScannedText(String text) {
    this.text = text;
    char[] lowered = text.toCharArray();
    for (int i = 0; i < lowered.length; i++) {
      if (lowered[i] >= 'A' && lowered[i] <= 'Z') {
        lowered[i] += 'a' - 'A';
      }
    }
    this.lower = new String(lowered);
  }

  int length() {
    return text.length();
  }

  char charAt(int index) {
    return text.charAt(index);
  }

  List<LuhnCardDetector.Card> cards() {
    if (cards == null) {
      cards = LuhnCardDetector.cardsIn(text);
    }
    return cards;
  }

  boolean mentionsAny(List<String> keywords) {
    for (String keyword : keywords) {
      if (lower.contains(keyword)) {
        return true;
      }
    }
    return false;
  }

  /** Matches of {@code pattern} that start where one of the lower-case {@code keywords} occurs. */
  void eachMatchAtKeywords(Pattern pattern, List<String> keywords, Consumer<MatchResult> action) {
    BitSet starts = new BitSet(text.length());
    for (String keyword : keywords) {
      for (int at = lower.indexOf(keyword); at >= 0; at = lower.indexOf(keyword, at + 1)) {
        starts.set(at);
      }
    }
    Matcher matcher = boundless(pattern);
    int claimed = 0;
    for (int at = starts.nextSetBit(0); at >= 0; at = starts.nextSetBit(at + 1)) {
      if (at >= claimed && lookingAt(matcher, at)) {
        action.accept(matcher.toMatchResult());
        claimed = Math.max(matcher.end(), at + 1);
      }
    }
  }

  /** Matches of {@code pattern} that start at a position {@code startsHere} accepts. */
  void eachMatchAtStarts(Pattern pattern, IntPredicate startsHere, Consumer<MatchResult> action) {
    Matcher matcher = boundless(pattern);
    int at = 0;
    while (at < text.length()) {
      if (startsHere.test(at) && lookingAt(matcher, at)) {
        action.accept(matcher.toMatchResult());
        at = Math.max(matcher.end(), at + 1);
      } else {
        at++;
      }
    }
  }

  /** True when the character before {@code at} is not one of {@code word}'s characters (or there is none). */
  boolean startsAfter(int at, IntPredicate word) {
    return at == 0 || !word.test(text.charAt(at - 1));
  }

  private Matcher boundless(Pattern pattern) {
    Matcher matcher = pattern.matcher(text);
    matcher.useTransparentBounds(true);
    matcher.useAnchoringBounds(false);
    return matcher;
  }

  private boolean lookingAt(Matcher matcher, int at) {
    matcher.region(at, text.length());
    return matcher.lookingAt();
  }
}
