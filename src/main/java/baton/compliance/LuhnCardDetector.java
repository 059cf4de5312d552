package baton.compliance;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Payment card numbers: 13–19 ASCII digits written in one piece or in groups of at least three
 * separated by single spaces or dashes, starting with a major network's first digit (1 UATP, 2 and 5
 * Mastercard, 3 Amex/JCB/Diners, 4 Visa, 6 Discover/UnionPay/Maestro) and passing the Luhn check.
 *
 * <p>Why a hand-written scan instead of one regex: the right answer depends on the Luhn sum, which a
 * regex cannot backtrack on. "4242 4242 4242 4242 123" is a card followed by its security code; a
 * greedy 19-digit match would fail Luhn and lose the card. So the text is cut into runs of digit
 * groups, and within a run every whole-group window of 13–19 digits is tried, longest first. A group
 * longer than 19 digits is never part of a card: that is an account or tracking number, or noise.
 * The scan is linear: each window grows at most 19 digits. Digits right after a word that names them
 * as something else (IMEI, EAN, SKU, tracking number, serial number) are not a card.
 *
 * <p>Immutable and thread-safe.
 */
final class LuhnCardDetector implements Detector {
  private static final int MIN_DIGITS = 13;
  private static final int MAX_DIGITS = 19;
  private static final int MIN_GROUP = 3;
  /**
   * Numbers that pass Luhn by design or by chance and are named as something else: IMEIs are Luhn
   * numbers, EAN/UPC barcodes pass one time in ten.
   */
  private static final Pattern NAMED_AS_OTHER = Pattern.compile(
      "(?i)\\b(?:imei|ean|upc|gtin|sku|isbn|barcode|tracking(?:\\s+(?:number|no\\.?|#|id))?|waybill|serial(?:\\s+(?:number|no\\.?|#))?)"
          + "[\\s:#.=-]{0,4}$");

  /** Where a card is and its last four digits; the digits themselves are not kept. */
  record Card(int start, int end, String lastFour) {}

  @Override
  public void findIn(ScannedText text, List<Finding> into) {
    for (Card card : text.cards()) {
      into.add(new Finding(SecretKind.PAYMENT_CARD, card.start(), card.end(), "[card •••• " + card.lastFour() + "]"));
    }
  }

  static List<Card> cardsIn(String text) {
    List<Card> cards = new ArrayList<>();
    int n = text.length();
    int i = 0;
    while (i < n) {
      if (!Detector.isAsciiDigit(text.charAt(i))) {
        i++;
        continue;
      }
      List<int[]> groups = new ArrayList<>();
      int position = i;
      while (true) {
        int groupStart = position;
        while (position < n && Detector.isAsciiDigit(text.charAt(position))) {
          position++;
        }
        groups.add(new int[] {groupStart, position});
        if (position + 1 < n && (text.charAt(position) == ' ' || text.charAt(position) == '-')
            && Detector.isAsciiDigit(text.charAt(position + 1))) {
          position++;
        } else {
          break;
        }
      }
      findInRun(text, groups, cards);
      i = position;
    }
    return cards;
  }

  private static void findInRun(String text, List<int[]> groups, List<Card> cards) {
    int runStart = groups.getFirst()[0];
    int runEnd = groups.getLast()[1];
    if (runStart > 0 && gluedBefore(text, runStart) || namedAsOther(text, runStart)) {
      return;
    }
    boolean gluedAfter = runEnd < text.length() && gluedAfter(text, runEnd);
    // A card starts where the run starts, or right after another card ("card 1, card 2").
    int first = 0;
    while (first < groups.size()) {
      int found = longestCardFrom(text, groups, first, gluedAfter);
      if (found < 0) {
        // Other digits may come first ("SSN 123 45 6789 371449635398431"): a whole 13–19-digit group
        // later in the run that passes Luhn is still a card. Only a whole group, so that no lucky
        // Luhn tail of a long grouped number (4-digit groups) is ever taken for one.
        first = nextWholeGroupCard(text, groups, first + 1, gluedAfter);
        if (first < 0) {
          return;
        }
        found = first;
      }
      cards.add(new Card(groups.get(first)[0], groups.get(found)[1], lastFourDigits(text, groups.get(found)[1])));
      first = found + 1;
    }
  }

  /** The index of the first group from {@code from} that is a card on its own, or -1. */
  private static int nextWholeGroupCard(String text, List<int[]> groups, int from, boolean gluedAfter) {
    for (int k = from; k < groups.size(); k++) {
      int[] group = groups.get(k);
      int length = group[1] - group[0];
      boolean endsRun = k == groups.size() - 1;
      if (length >= MIN_DIGITS && length <= MAX_DIGITS && majorNetwork(text.charAt(group[0]))
          && (!endsRun || !gluedAfter) && luhn(text, group[0], group[1])) {
        return k;
      }
    }
    return -1;
  }

  /** The last group of the longest Luhn-valid window starting at group {@code first}, or -1. */
  private static int longestCardFrom(String text, List<int[]> groups, int first, boolean gluedAfter) {
    int digits = 0;
    int best = -1;
    for (int last = first; last < groups.size(); last++) {
      int[] group = groups.get(last);
      int length = group[1] - group[0];
      boolean single = last == first;
      if (!single && (length < MIN_GROUP || groups.get(first)[1] - groups.get(first)[0] < MIN_GROUP)) {
        break;
      }
      digits += length;
      if (digits > MAX_DIGITS) {
        break;
      }
      boolean endsRun = last == groups.size() - 1;
      // A whole group of 13+ digits is a number of its own: what follows it cannot make it a prefix.
      boolean wholeGroup = single && length >= MIN_DIGITS;
      if (digits >= MIN_DIGITS && (endsRun ? !gluedAfter : wholeGroup || followedByCodeOrCard(groups, last))
          && majorNetwork(text.charAt(groups.get(first)[0]))
          && luhn(text, groups.get(first)[0], group[1])) {
        best = last;
      }
    }
    return best;
  }

  /**
   * A window may stop before the run ends only when what follows is one group of at most four digits
   * (the security code, or the month of "04 / 27") or a further 13+ digits (another card); otherwise
   * it would be a lucky Luhn prefix of a longer number.
   */
  private static boolean followedByCodeOrCard(List<int[]> groups, int last) {
    int rest = 0;
    for (int i = last + 1; i < groups.size() && rest < MIN_DIGITS; i++) {
      rest += groups.get(i)[1] - groups.get(i)[0];
    }
    int next = groups.get(last + 1)[1] - groups.get(last + 1)[0];
    return last + 2 == groups.size() && next <= 4 || rest >= MIN_DIGITS;
  }

  private static boolean namedAsOther(String text, int start) {
    Matcher name = NAMED_AS_OTHER.matcher(text);
    name.region(Math.max(0, start - 24), start);
    return name.find();
  }

  /** A letter, '+' (a phone number) or a decimal point before the digits means this is no card. */
  private static boolean gluedBefore(String text, int start) {
    char before = text.charAt(start - 1);
    if (Character.isLetter(before) || before == '_' || before == '+') {
      return true;
    }
    return (before == '.' || before == ',') && start >= 2 && Detector.isAsciiDigit(text.charAt(start - 2));
  }

  private static boolean gluedAfter(String text, int end) {
    char after = text.charAt(end);
    if (Character.isLetter(after) || after == '_') {
      return true;
    }
    return (after == '.' || after == ',') && end + 1 < text.length() && Detector.isAsciiDigit(text.charAt(end + 1));
  }

  private static boolean majorNetwork(char firstDigit) {
    return firstDigit >= '1' && firstDigit <= '6';
  }

  private static String lastFourDigits(String text, int end) {
    StringBuilder reversed = new StringBuilder(4);
    for (int i = end - 1; i >= 0 && reversed.length() < 4; i--) {
      if (Detector.isAsciiDigit(text.charAt(i))) {
        reversed.append(text.charAt(i));
      }
    }
    return reversed.reverse().toString();
  }

  /** Luhn over the ASCII digits in {@code text[start, end)}, skipping separators. */
  static boolean luhn(CharSequence text, int start, int end) {
    int sum = 0;
    boolean doubled = false;
    for (int i = end - 1; i >= start; i--) {
      char c = text.charAt(i);
      if (!Detector.isAsciiDigit(c)) {
        continue;
      }
      int digit = c - '0';
      if (doubled) {
        digit *= 2;
        if (digit > 9) {
          digit -= 9;
        }
      }
      sum += digit;
      doubled = !doubled;
    }
    return sum % 10 == 0;
  }
}
