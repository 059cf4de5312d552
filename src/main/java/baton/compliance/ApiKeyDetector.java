package baton.compliance;

import java.util.List;
import java.util.regex.Pattern;

/**
 * API keys and access tokens, found two ways.
 *
 * <p><b>Known shapes</b> (near-certain): Stripe {@code sk_live_/sk_test_/pk_/rk_/whsec_}, GitHub
 * {@code ghp_/gho_/ghu_/ghs_/ghr_/github_pat_}, Slack {@code xoxb-/xoxp-/xoxa-/xoxr-/xoxs-}, AWS access
 * key ids ({@code AKIA}/{@code ASIA} + 16), Google {@code AIza} + 35, GitLab {@code glpat-}, JSON web
 * tokens ({@code eyJ…​.eyJ…​.…}) and anything after {@code Bearer}.
 *
 * <p><b>Generic rule</b> (for keys of unknown vendors): a run of 24–512 characters from the base64url
 * and base64 alphabets with at least two upper-case letters, two lower-case letters and one digit, a
 * Shannon entropy of at least {@value #MIN_BITS_PER_CHAR} bits per character, and not word-like. The
 * class rule alone discards words, hex (git hashes, SHA digests), UUIDs (no upper case) and numbers;
 * the entropy bound discards repetitive runs. Entropy cannot tell a CamelCase identifier
 * ("ReturnPolicyUpdatedForHoliday2024", 4.27 bits) from a random 24-character key (4.24 bits on
 * average), so a run is word-like, and not a key, when at least {@value #WORDY_VOWELS} of its
 * letters are vowels (English about 0.38, random base62 about 0.19) and at least
 * {@value #WORDY_RUNS} of its characters stand in runs of four or more of one class (lower, upper,
 * digit), as words do. Measured on random base62 keys, this loses about 2% of 24-character keys and
 * 1% of 40-character ones, hence "a fallback", not a guarantee.
 *
 * <p>A run inside a URL, a path or an email address is never a key here: links customers paste carry
 * ids that look random. Keys in a URL query string are therefore missed unless they have a known
 * shape. UUIDs are deliberately not keys: shops use them as order and request references.
 *
 * <p>Immutable and thread-safe.
 */
final class ApiKeyDetector implements Detector {
  static final double MIN_BITS_PER_CHAR = 3.5;
  static final double WORDY_VOWELS = 0.3;
  static final double WORDY_RUNS = 0.3;
  private static final String TOKEN_CHARS = "A-Za-z0-9_\\-";
  private static final Pattern KNOWN = Pattern.compile(
      "(?<![" + TOKEN_CHARS + "])(?:"
          + "(?:sk|pk|rk)_(?:live|test)_[A-Za-z0-9]{10,}+"
          + "|whsec_[A-Za-z0-9+/=]{20,}+"
          + "|gh[pousr]_[A-Za-z0-9]{30,}+"
          + "|github_pat_[A-Za-z0-9_]{22,}+"
          + "|xox[abposr]-[A-Za-z0-9-]{10,}+"
          + "|(?:AKIA|ASIA)[A-Z0-9]{16}"
          + "|AIza[A-Za-z0-9_-]{35}"
          + "|glpat-[A-Za-z0-9_-]{20,}+"
          + "|eyJ[A-Za-z0-9_-]{5,}+\\.eyJ[A-Za-z0-9_-]{5,}+\\.[A-Za-z0-9_-]*+"
          + ")(?![" + TOKEN_CHARS + "])");
  private static final Pattern BEARER = Pattern.compile("(?i:\\bbearer)[ \\t]+([A-Za-z0-9._~+/-]{16,}+=*+)");
  private static final String KNOWN_FIRST = "sprgwxAe";

  @Override
  public void findIn(ScannedText text, List<Finding> into) {
    text.eachMatchAtStarts(KNOWN, at -> KNOWN_FIRST.indexOf(text.charAt(at)) >= 0 && text.startsAfter(at, Detector::isTokenChar),
        known -> into.add(new Finding(SecretKind.API_KEY, known.start(), known.end(), "[api key]")));
    text.eachMatchAtKeywords(BEARER, List.of("bearer"), bearer -> {
      if (hasLetterAndDigit(bearer.group(1))) {
        into.add(new Finding(SecretKind.API_KEY, bearer.start(1), bearer.end(1), "[api key]"));
      }
    });
    // Runs of key characters, by hand: a regex would try every position.
    String raw = text.text;
    int at = 0;
    while (at < raw.length()) {
      if (!isRunChar(raw.charAt(at))) {
        at++;
        continue;
      }
      int start = at;
      while (at < raw.length() && isRunChar(raw.charAt(at))) {
        at++;
      }
      int end = at;
      while (at < raw.length() && raw.charAt(at) == '=') {
        at++;
      }
      boolean glued = start > 0 && (raw.charAt(start - 1) == '.' || raw.charAt(start - 1) == '/');
      if (end - start >= 24 && end - start <= 512 && !glued && !insideLinkOrAddress(raw, start, end)
          && looksRandom(raw, start, end)) {
        into.add(new Finding(SecretKind.API_KEY, start, at, "[api key]"));
      }
    }
  }

  private static boolean isRunChar(char c) {
    return Detector.isTokenChar(c) || c == '+' || c == '/';
  }

  static boolean looksRandom(CharSequence text, int start, int end) {
    int upper = 0;
    int lower = 0;
    int digits = 0;
    int[] counts = new int[128];
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        upper++;
      } else if (c >= 'a' && c <= 'z') {
        lower++;
      } else if (c >= '0' && c <= '9') {
        digits++;
      }
      counts[c]++;
    }
    if (upper < 2 || lower < 2 || digits < 1) {
      return false;
    }
    return bitsPerChar(counts, end - start) >= MIN_BITS_PER_CHAR && !wordLike(text, start, end);
  }

  static boolean wordLike(CharSequence text, int start, int end) {
    int letters = 0;
    int vowels = 0;
    int inLongRuns = 0;
    int runStart = start;
    for (int i = start; i <= end; i++) {
      if (i == end || characterClass(text.charAt(i)) != characterClass(text.charAt(runStart))) {
        if (i - runStart >= 4) {
          inLongRuns += i - runStart;
        }
        runStart = i;
      }
      if (i < end && Character.isLetter(text.charAt(i))) {
        letters++;
        vowels += "aeiouAEIOU".indexOf(text.charAt(i)) >= 0 ? 1 : 0;
      }
    }
    int length = end - start;
    return letters > 0 && (double) vowels / letters >= WORDY_VOWELS && (double) inLongRuns / length >= WORDY_RUNS;
  }

  private static int characterClass(char c) {
    return c >= 'A' && c <= 'Z' ? 0 : c >= 'a' && c <= 'z' ? 1 : c >= '0' && c <= '9' ? 2 : 3;
  }

  /** Shannon entropy of the character distribution, in bits per character. */
  static double bitsPerChar(int[] counts, int length) {
    double bits = 0;
    for (int count : counts) {
      if (count > 0) {
        double p = (double) count / length;
        bits -= p * Math.log(p) / Math.log(2);
      }
    }
    return bits;
  }

  /** The whitespace-delimited word holding the run is a URL, a path or an email address. */
  private static boolean insideLinkOrAddress(String text, int start, int end) {
    int wordStart = start;
    while (wordStart > 0 && !Character.isWhitespace(text.charAt(wordStart - 1)) && start - wordStart < 2048) {
      wordStart--;
    }
    int wordEnd = end;
    while (wordEnd < text.length() && !Character.isWhitespace(text.charAt(wordEnd)) && wordEnd - end < 2048) {
      wordEnd++;
    }
    String word = text.substring(wordStart, wordEnd);
    return word.contains("://") || word.startsWith("www.") || word.contains("@") || word.startsWith("/")
        || text.charAt(start) == '/';
  }

  private static boolean hasLetterAndDigit(String token) {
    boolean letter = false;
    boolean digit = false;
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      letter |= Character.isLetter(c);
      digit |= c >= '0' && c <= '9';
    }
    return letter && digit;
  }
}
