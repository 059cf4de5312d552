package baton.compliance;

import java.util.EnumSet;
import java.util.Set;

/**
 * What the scanner can find. Secret kinds are always redacted unless a caller keeps them on purpose;
 * contact kinds (email, phone, order id) are recognised so that a caller can choose to mask them, but
 * support needs them, so {@link #KEPT_BY_DEFAULT} leaves them in place.
 *
 * <p>The declaration order is the tie-break when two findings of equal length overlap: earlier wins.
 */
public enum SecretKind {
  API_KEY("api_key", "API key or access token", true),
  PAYMENT_CARD("payment_card", "payment card number", true),
  IBAN("iban", "bank account number (IBAN)", true),
  NATIONAL_ID("national_id", "social security number", true),
  CUSTOM("custom", "custom sensitive pattern", true),
  CARD_SECURITY_CODE("card_security_code", "card security code", true),
  CARD_EXPIRY("card_expiry", "card expiry date", true),
  ONE_TIME_CODE("one_time_code", "one-time code", true),
  PASSWORD("password", "password", true),
  EMAIL("email", "email address", false),
  PHONE("phone", "phone number", false),
  ORDER_ID("order_id", "order number", false);

  /** Contact details support needs to do its job; redacted only when a caller asks. */
  public static final Set<SecretKind> KEPT_BY_DEFAULT = Set.copyOf(EnumSet.of(EMAIL, PHONE, ORDER_ID));

  private final String wireName;
  private final String label;
  private final boolean secret;

  SecretKind(String wireName, String label, boolean secret) {
    this.wireName = wireName;
    this.label = label;
    this.secret = secret;
  }

  /** Stable snake_case name for JSON, logs and the bot spec. */
  public String wireName() {
    return wireName;
  }

  /** Words for people: "payment card number". */
  public String label() {
    return label;
  }

  /** False for the contact kinds, which are recognised but normally kept. */
  public boolean isSecret() {
    return secret;
  }

  /** The kind with this wire name, if any. */
  public static java.util.Optional<SecretKind> fromWireName(String wireName) {
    for (SecretKind kind : values()) {
      if (kind.wireName.equals(wireName)) {
        return java.util.Optional.of(kind);
      }
    }
    return java.util.Optional.empty();
  }
}
