package baton.compliance;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * International bank account numbers: a known country code, two check digits and the country's exact
 * number of further letters and digits, written in one piece or with single spaces anywhere (usually
 * every four), and passing the ISO 13616 mod-97 check. Upper or lower case. The length table covers
 * the SEPA countries and the other countries most often seen; an IBAN from a country not in it is
 * missed. Mask keeps the last four characters, as bank statements do. Immutable and thread-safe.
 */
final class IbanDetector implements Detector {
  /** IBAN length per country (ISO 13616 registry). */
  static final Map<String, Integer> LENGTHS = Map.ofEntries(
      Map.entry("AD", 24), Map.entry("AE", 23), Map.entry("AL", 28), Map.entry("AT", 20), Map.entry("AZ", 28),
      Map.entry("BA", 20), Map.entry("BE", 16), Map.entry("BG", 22), Map.entry("BH", 22), Map.entry("BR", 29),
      Map.entry("CH", 21), Map.entry("CR", 22), Map.entry("CY", 28), Map.entry("CZ", 24), Map.entry("DE", 22),
      Map.entry("DK", 18), Map.entry("DO", 28), Map.entry("EE", 20), Map.entry("EG", 29), Map.entry("ES", 24),
      Map.entry("FI", 18), Map.entry("FO", 18), Map.entry("FR", 27), Map.entry("GB", 22), Map.entry("GE", 22),
      Map.entry("GI", 23), Map.entry("GL", 18), Map.entry("GR", 27), Map.entry("HR", 21), Map.entry("HU", 28),
      Map.entry("IE", 22), Map.entry("IL", 23), Map.entry("IS", 26), Map.entry("IT", 27), Map.entry("JO", 30),
      Map.entry("KW", 30), Map.entry("KZ", 20), Map.entry("LB", 28), Map.entry("LI", 21), Map.entry("LT", 20),
      Map.entry("LU", 20), Map.entry("LV", 21), Map.entry("MC", 27), Map.entry("MD", 24), Map.entry("ME", 22),
      Map.entry("MK", 19), Map.entry("MR", 27), Map.entry("MT", 31), Map.entry("MU", 30), Map.entry("NL", 18),
      Map.entry("NO", 15), Map.entry("PK", 24), Map.entry("PL", 28), Map.entry("PS", 29), Map.entry("PT", 25),
      Map.entry("QA", 29), Map.entry("RO", 24), Map.entry("RS", 22), Map.entry("SA", 24), Map.entry("SE", 24),
      Map.entry("SI", 19), Map.entry("SK", 24), Map.entry("SM", 27), Map.entry("TN", 24), Map.entry("TR", 26),
      Map.entry("UA", 29), Map.entry("VG", 24), Map.entry("XK", 20));
  private static final Pattern START = Pattern.compile("(?<![A-Za-z0-9])([A-Za-z]{2})([0-9]{2})");

  @Override
  public void findIn(ScannedText scanned, List<Finding> into) {
    String text = scanned.text;
    Matcher start = START.matcher(text);
    start.useTransparentBounds(true);
    int from = 0;
    while ((from = nextCandidate(text, from)) >= 0) {
      start.region(from, text.length());
      if (!start.lookingAt()) {
        from++;
        continue;
      }
      from = start.end();
      Integer length = LENGTHS.get(start.group(1).toUpperCase(Locale.ROOT));
      if (length == null) {
        continue;
      }
      StringBuilder iban = new StringBuilder(length).append(start.group(1).toUpperCase(Locale.ROOT)).append(start.group(2));
      int position = start.end();
      while (iban.length() < length && position < text.length()) {
        char c = text.charAt(position);
        if (Detector.isAsciiLetterOrDigit(c)) {
          iban.append(Character.toUpperCase(c));
          position++;
        } else if (c == ' ' && position + 1 < text.length() && Detector.isAsciiLetterOrDigit(text.charAt(position + 1))) {
          position++;
        } else {
          break;
        }
      }
      boolean endsCleanly = position == text.length() || !Detector.isAsciiLetterOrDigit(text.charAt(position));
      if (iban.length() == length && endsCleanly && mod97(iban) == 1) {
        into.add(new Finding(SecretKind.IBAN, start.start(), position, "[iban •••• " + iban.substring(length - 4) + "]"));
        from = position;
      }
    }
  }

  /** The next position holding two letters and two digits, or -1. */
  private static int nextCandidate(String text, int from) {
    for (int at = from; at + 3 < text.length(); at++) {
      if (Detector.isAsciiDigit(text.charAt(at + 2)) && Detector.isAsciiDigit(text.charAt(at + 3))
          && Character.isLetter(text.charAt(at)) && Character.isLetter(text.charAt(at + 1))) {
        return at;
      }
    }
    return -1;
  }

  /** ISO 7064 mod 97-10 over the IBAN with its first four characters moved to the end. */
  static int mod97(CharSequence iban) {
    int remainder = 0;
    for (int i = 0; i < iban.length(); i++) {
      char c = iban.charAt((i + 4) % iban.length());
      int value = Character.isDigit(c) ? c - '0' : c - 'A' + 10;
      remainder = value > 9 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
    }
    return remainder;
  }
}
