package baton.compliance;

import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises the masks the {@link SecretScanner} leaves in redacted text ({@code [card •••• 4242]},
 * {@code [password]} …). Text is redacted before anything reads it, so whatever decides on it (the
 * bot's sensitive-data signal) learns from the masks that a secret was there. Custom-pattern masks are
 * free text and are not recognised. Stateless.
 */
public final class SecretMasks {
  private static final Pattern MASK = Pattern.compile(
      "\\[(card •••• \\d{4}|security code|expiry|password|one-time code|api key|iban •••• [0-9A-Za-z]{4}|ssn)]");

  private SecretMasks() {}

  /** The secret kinds whose masks appear in {@code text}. */
  public static Set<SecretKind> in(String text) {
    Set<SecretKind> kinds = EnumSet.noneOf(SecretKind.class);
    Matcher mask = MASK.matcher(text);
    while (mask.find()) {
      String inside = mask.group(1);
      kinds.add(inside.startsWith("card") ? SecretKind.PAYMENT_CARD
          : inside.startsWith("iban") ? SecretKind.IBAN
          : switch (inside) {
            case "security code" -> SecretKind.CARD_SECURITY_CODE;
            case "expiry" -> SecretKind.CARD_EXPIRY;
            case "password" -> SecretKind.PASSWORD;
            case "one-time code" -> SecretKind.ONE_TIME_CODE;
            case "api key" -> SecretKind.API_KEY;
            default -> SecretKind.NATIONAL_ID;
          });
    }
    return kinds;
  }
}
