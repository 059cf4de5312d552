package baton.compliance;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * What the bot must never ask a customer for, as the spec's {@code safety.neverAsk} names it. Real
 * support never needs these in a chat: payments happen on the checkout page, passwords are reset by the
 * customer, and a request for a one-time code is the classic account-takeover script.
 */
public enum AskedSecret {
  PASSWORD("password", "a password"),
  CARD_NUMBER("card_number", "a full card number"),
  CVV("cvv", "a card security code"),
  CARD_EXPIRY("card_expiry", "a card expiry date"),
  ONE_TIME_CODE("one_time_code", "a one-time code"),
  PIN("pin", "a PIN"),
  NATIONAL_ID("national_id", "a national id number");

  /** Everything above: what the guard refuses when a spec has no {@code safety} section. */
  public static final Set<AskedSecret> ALL = Set.copyOf(EnumSet.allOf(AskedSecret.class));

  private final String wireName;
  private final String label;

  AskedSecret(String wireName, String label) {
    this.wireName = wireName;
    this.label = label;
  }

  /** The name the spec and the decision log use: {@code card_number}. */
  public String wireName() {
    return wireName;
  }

  /** Words for people: "a full card number". */
  public String label() {
    return label;
  }

  public static Optional<AskedSecret> fromWireName(String wireName) {
    for (AskedSecret secret : values()) {
      if (secret.wireName.equals(wireName)) {
        return Optional.of(secret);
      }
    }
    return Optional.empty();
  }
}
