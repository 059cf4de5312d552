package baton.signals;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Scores how positive or negative a customer turn reads, following the rules published with VADER
 * (Hutto &amp; Gilbert, ICWSM 2014): a lexicon of human-rated word valences, adjusted by the context
 * around each word, summed and squashed into [-1, 1]. Written for Baton from the paper's description;
 * only the lexicon data comes from VADER.
 *
 * <p>How one word's valence is adjusted, in order:
 * <ol>
 *   <li>ALL CAPS emphasis: a capitalised sentiment word gets {@value #CAPS_EMPHASIS} more weight, but
 *       only when the text mixes cases; a text shouted throughout says nothing by its capitals.
 *   <li>Boosters and dampeners up to three words before it ("very", "kind of", "barely"), fading with
 *       distance (x1, x0.95, x0.9); a capitalised booster counts extra like a capitalised word.
 *   <li>Negation up to three words before it ("not", "never", anything ending in "n't", "without"),
 *       which flips and dampens (x{@value #NEGATION_SCALAR}), except the idioms "never so/this" (which
 *       emphasise) and "without doubt" (which is not a negation at all). "least" before a word negates
 *       it unless it reads "at least" or "very least".
 *   <li>"no" is not scored when it qualifies the next sentiment word, and "no good" style pairs flip.
 *   <li>A few multi-word idioms replace the word's valence ("yeah right", "under the weather").
 * </ol>
 * Then across the whole text: words before the first "but" count half and words after it half again
 * as much, because the clause after "but" carries the writer's verdict; exclamation marks add emphasis
 * (up to four count) and two or more question marks add some, both in the direction the text already
 * leans. The sum {@code x} becomes {@code x / sqrt(x² + 15)}.
 *
 * <p>Tuning: the constants are those published with VADER, none fitted to Baton's data or to the
 * ground-truth sets we evaluate on (see docs/sentiment.md).
 *
 * <p>Immutable after construction and thread-safe; build one at start-up and share it.
 */
public final class SentimentScorer {
  static final double BOOSTER_STEP = 0.293;
  static final double CAPS_EMPHASIS = 0.733;
  static final double NEGATION_SCALAR = -0.74;
  static final double EXCLAMATION_STEP = 0.292;
  static final int MAX_EXCLAMATIONS = 4;
  static final double QUESTION_STEP = 0.18;
  static final double MANY_QUESTIONS = 0.96;
  static final double NORMALISATION_ALPHA = 15;

  private static final Set<String> NEGATIONS = Set.of(
      "not", "no", "never", "none", "nope", "nor", "nothing", "nowhere", "neither", "without", "cannot",
      "rarely", "seldom", "despite", "uhuh", "uh-uh",
      // the same contractions written without an apostrophe, as people type in chat
      "aint", "arent", "cant", "couldnt", "darent", "didnt", "doesnt", "dont", "hadnt", "hasnt", "havent",
      "isnt", "mightnt", "mustnt", "neednt", "oughtnt", "shant", "shouldnt", "wasnt", "werent", "wont",
      "wouldnt");

  private static final Set<String> BOOSTERS = Set.of(
      "absolutely", "amazingly", "awfully", "completely", "considerable", "considerably", "decidedly",
      "deeply", "effing", "enormous", "enormously", "entirely", "especially", "exceptional",
      "exceptionally", "extreme", "extremely", "fabulously", "flipping", "flippin", "frackin", "fracking",
      "fricking", "frickin", "frigging", "friggin", "fully", "fuckin", "fucking", "fuggin", "fugging",
      "greatly", "hella", "highly", "hugely", "incredible", "incredibly", "intensely", "major", "majorly",
      "more", "most", "particularly", "purely", "quite", "really", "remarkably", "so", "substantially",
      "thoroughly", "total", "totally", "tremendous", "tremendously", "uber", "unbelievably",
      "unusually", "utter", "utterly", "very");

  private static final Set<String> DAMPENERS = Set.of(
      "almost", "barely", "hardly", "kinda", "kindof", "kind-of", "less", "little", "marginal",
      "marginally", "occasional", "occasionally", "partly", "scarce", "scarcely", "slight", "slightly",
      "somewhat", "sorta", "sortof", "sort-of");

  /** Two-word dampeners, recognised when they stand right before the word they soften. */
  private static final Set<String> DAMPENING_PAIRS = Set.of("kind of", "sort of", "just enough");

  /** Idioms whose meaning is not the sum of their words; the value replaces the last word's. */
  private static final Map<String, Double> IDIOMS = Map.ofEntries(
      Map.entry("the shit", 3.0), Map.entry("the bomb", 3.0), Map.entry("bad ass", 1.5),
      Map.entry("badass", 1.5), Map.entry("yeah right", -2.0), Map.entry("kiss of death", -1.5),
      Map.entry("to die for", 3.0), Map.entry("cut the mustard", 2.0), Map.entry("hand to mouth", -2.0),
      Map.entry("back handed", -2.0), Map.entry("blow smoke", -2.0), Map.entry("blowing smoke", -2.0),
      Map.entry("upper hand", 1.0), Map.entry("break a leg", 2.0), Map.entry("cooking with gas", 2.0),
      Map.entry("in the black", 2.0), Map.entry("in the red", -2.0), Map.entry("on the ball", 2.0),
      Map.entry("under the weather", -2.0));

  /** Emoji mapped onto the lexicon's ASCII emoticons, so they are scored with human ratings too. */
  private static final Map<String, String> EMOJI = Map.ofEntries(
      Map.entry("🙂", ":)"), Map.entry("😊", ":)"), Map.entry("😀", ":d"), Map.entry("😃", ":d"),
      Map.entry("😄", ":d"), Map.entry("😁", ":d"), Map.entry("😂", "lol"), Map.entry("🤣", "lol"),
      Map.entry("😉", ";)"), Map.entry("😍", "<3"), Map.entry("❤", "<3"), Map.entry("❤️", "<3"),
      Map.entry("👍", ":)"), Map.entry("🙁", ":("), Map.entry("☹", ":("), Map.entry("😞", ":("),
      Map.entry("😢", ":'("), Map.entry("😭", ":'("), Map.entry("😠", ">:("), Map.entry("😡", ">:("),
      Map.entry("🤬", ">:("), Map.entry("👎", ":("));

  private final ValenceLexicon lexicon;

  SentimentScorer(ValenceLexicon lexicon) {
    this.lexicon = lexicon;
  }

  /** The scorer over the VADER lexicon on the classpath; reads about 7,500 lines, so build it once. */
  public static SentimentScorer withVaderLexicon() {
    return new SentimentScorer(ValenceLexicon.vader());
  }

  public Sentiment score(String text) {
    List<String> tokens = tokens(text);
    if (tokens.isEmpty()) {
      return Sentiment.NEUTRAL;
    }
    boolean mixedCase = isMixedCase(tokens);
    double[] valences = new double[tokens.size()];
    for (int i = 0; i < tokens.size(); i++) {
      valences[i] = valence(tokens, i, mixedCase);
    }
    weightAroundBut(tokens, valences);
    return combine(valences, punctuationEmphasis(text));
  }

  // ---- tokens ---------------------------------------------------------------------------------

  /**
   * Splits on white space and trims punctuation from each token's ends, except for tokens the lexicon
   * knows whole (emoticons such as ":-(" are made of punctuation). Emoji become lexicon emoticons.
   */
  static List<String> tokens(String text, ValenceLexicon lexicon) {
    String spaced = spaceOutEmoji(text.replace('’', '\'').replace('‘', '\''));
    List<String> tokens = new ArrayList<>();
    for (String raw : spaced.split("\\s+")) {
      if (raw.isEmpty()) {
        continue;
      }
      String emoticon = EMOJI.get(raw);
      if (emoticon != null) {
        tokens.add(emoticon);
      } else if (lexicon.contains(raw.toLowerCase(Locale.ROOT))) {
        tokens.add(raw); // whole emoticons (":D", ":-(") and words the lexicon lists with punctuation
      } else {
        String trimmed = trimPunctuation(raw);
        if (!trimmed.isEmpty()) {
          tokens.add(trimmed);
        }
      }
    }
    return tokens;
  }

  private List<String> tokens(String text) {
    return tokens(text, lexicon);
  }

  private static String spaceOutEmoji(String text) {
    StringBuilder out = new StringBuilder(text.length() + 8);
    text.codePoints().forEach(codePoint -> {
      String character = Character.toString(codePoint);
      if (EMOJI.containsKey(character)) {
        out.append(' ').append(character).append(' ');
      } else if (codePoint != 0xFE0F) { // the emoji presentation selector after ❤ carries no meaning
        out.appendCodePoint(codePoint);
      }
    });
    return out.toString();
  }

  private static String trimPunctuation(String raw) {
    int start = 0;
    int end = raw.length();
    while (start < end && !Character.isLetterOrDigit(raw.charAt(start))) {
      start++;
    }
    while (end > start && !Character.isLetterOrDigit(raw.charAt(end - 1))) {
      end--;
    }
    return raw.substring(start, end);
  }

  /** True when at least one token, but not every token, is written in capitals. */
  static boolean isMixedCase(List<String> tokens) {
    long shouted = tokens.stream().filter(SentimentScorer::isShouted).count();
    return shouted > 0 && shouted < tokens.size();
  }

  /** Has cased letters and all of them are upper case ("LOVE", "3PM"), as Python's isupper. */
  static boolean isShouted(String token) {
    boolean cased = false;
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (Character.isLowerCase(c)) {
        return false;
      }
      cased |= Character.isUpperCase(c);
    }
    return cased;
  }

  // ---- one word in its context ------------------------------------------------------------------

  private double valence(List<String> tokens, int i, boolean mixedCase) {
    String word = tokens.get(i);
    String lower = lower(word);
    if (isModifier(lower) || (lower.equals("kind") && lowerAt(tokens, i + 1).equals("of"))) {
      return 0; // modifiers shape their neighbour and carry no sentiment of their own
    }
    if (!lexicon.contains(lower)) {
      return 0;
    }
    double valence = lexicon.valence(lower).orElseThrow();
    if (lower.equals("no") && i + 1 < tokens.size() && lexicon.contains(lowerAt(tokens, i + 1))) {
      return 0; // "no problem": "no" qualifies the next word and is scored there
    }
    if (i > 0 && lowerAt(tokens, i - 1).equals("no")
        || i > 1 && lowerAt(tokens, i - 2).equals("no") && Set.of("or", "nor").contains(lowerAt(tokens, i - 1))) {
      valence *= NEGATION_SCALAR;
    }
    if (mixedCase && isShouted(word)) {
      valence += Math.signum(valence) * CAPS_EMPHASIS;
    }
    for (int distance = 1; distance <= 3 && distance <= i; distance++) {
      String before = lowerAt(tokens, i - distance);
      if (lexicon.contains(before)) {
        continue; // a sentiment word in between is scored in its own right, not as a modifier
      }
      double boost = boost(tokens.get(i - distance), valence, mixedCase);
      if (distance == 1) {
        boost += pairDampening(tokens, i, valence);
      }
      valence += boost * (distance == 1 ? 1.0 : distance == 2 ? 0.95 : 0.9);
      valence = negate(tokens, i, distance, valence);
    }
    valence = idiom(tokens, i).orElse(valence);
    return least(tokens, i, valence);
  }

  private static boolean isModifier(String lower) {
    return BOOSTERS.contains(lower) || DAMPENERS.contains(lower);
  }

  /** A booster's push away from zero, or a dampener's pull towards it, for a word of this valence. */
  private static double boost(String modifier, double valence, boolean mixedCase) {
    String lower = lower(modifier);
    double step = BOOSTERS.contains(lower) ? BOOSTER_STEP : DAMPENERS.contains(lower) ? -BOOSTER_STEP : 0;
    if (step == 0) {
      return 0;
    }
    step *= Math.signum(valence);
    if (mixedCase && isShouted(modifier)) {
      step += Math.signum(valence) * CAPS_EMPHASIS;
    }
    return step;
  }

  private static double pairDampening(List<String> tokens, int i, double valence) {
    if (i < 2) {
      return 0;
    }
    String pair = lowerAt(tokens, i - 2) + " " + lowerAt(tokens, i - 1);
    return DAMPENING_PAIRS.contains(pair) ? -BOOSTER_STEP * Math.signum(valence) : 0;
  }

  private static double negate(List<String> tokens, int i, int distance, double valence) {
    String negator = lowerAt(tokens, i - distance);
    List<String> between = new ArrayList<>();
    for (int d = distance - 1; d >= 1; d--) {
      between.add(lowerAt(tokens, i - d));
    }
    if (negator.equals("never") && (between.contains("so") || between.contains("this"))) {
      return valence * 1.25; // "never so happy" emphasises rather than denies
    }
    if (negator.equals("without") && between.contains("doubt")) {
      return valence;
    }
    return isNegation(negator) ? valence * NEGATION_SCALAR : valence;
  }

  static boolean isNegation(String lowerToken) {
    return NEGATIONS.contains(lowerToken) || lowerToken.endsWith("n't");
  }

  private static OptionalDouble idiom(List<String> tokens, int i) {
    for (int length = 3; length >= 2; length--) {
      if (i - length + 1 < 0) {
        continue;
      }
      StringBuilder phrase = new StringBuilder();
      for (int j = i - length + 1; j <= i; j++) {
        phrase.append(j > i - length + 1 ? " " : "").append(lowerAt(tokens, j));
      }
      Double value = IDIOMS.get(phrase.toString());
      if (value != null) {
        return OptionalDouble.of(value);
      }
    }
    return OptionalDouble.empty();
  }

  private double least(List<String> tokens, int i, double valence) {
    if (i == 0 || !lowerAt(tokens, i - 1).equals("least") || lexicon.contains("least")) {
      return valence;
    }
    if (i > 1 && Set.of("at", "very").contains(lowerAt(tokens, i - 2))) {
      return valence;
    }
    return valence * NEGATION_SCALAR;
  }

  // ---- the whole text -----------------------------------------------------------------------------

  private static void weightAroundBut(List<String> tokens, double[] valences) {
    int but = -1;
    for (int i = 0; i < tokens.size() && but < 0; i++) {
      if (lowerAt(tokens, i).equals("but")) {
        but = i;
      }
    }
    if (but < 0) {
      return;
    }
    for (int i = 0; i < valences.length; i++) {
      if (i < but) {
        valences[i] *= 0.5;
      } else if (i > but) {
        valences[i] *= 1.5;
      }
    }
  }

  static double punctuationEmphasis(String text) {
    long exclamations = text.chars().filter(c -> c == '!').count();
    long questions = text.chars().filter(c -> c == '?').count();
    double emphasis = Math.min(exclamations, MAX_EXCLAMATIONS) * EXCLAMATION_STEP;
    if (questions > 1) {
      emphasis += questions <= 3 ? questions * QUESTION_STEP : MANY_QUESTIONS;
    }
    return emphasis;
  }

  private static Sentiment combine(double[] valences, double emphasis) {
    double sum = 0;
    double positive = 0;
    double negative = 0;
    int neutral = 0;
    for (double valence : valences) {
      sum += valence;
      // +1/-1 so that one sentiment word weighs at least as much as one neutral word in the shares
      if (valence > 0) {
        positive += valence + 1;
      } else if (valence < 0) {
        negative += valence - 1;
      } else {
        neutral++;
      }
    }
    sum += Math.signum(sum) * emphasis;
    if (positive > -negative) {
      positive += emphasis;
    } else if (positive < -negative) {
      negative -= emphasis;
    }
    return shares(normalise(sum), positive, negative, neutral);
  }

  private static Sentiment shares(double compound, double positive, double negative, int neutral) {
    double total = positive - negative + neutral;
    if (total == 0) {
      return new Sentiment(compound, 0, 1, 0);
    }
    return new Sentiment(compound, positive / total, neutral / total, Math.abs(negative) / total);
  }

  static double normalise(double sum) {
    double normalised = sum / Math.sqrt(sum * sum + NORMALISATION_ALPHA);
    return Math.max(-1, Math.min(1, normalised));
  }

  private static String lowerAt(List<String> tokens, int i) {
    return i >= 0 && i < tokens.size() ? lower(tokens.get(i)) : "";
  }

  private static String lower(String token) {
    return token.toLowerCase(Locale.ROOT);
  }
}
