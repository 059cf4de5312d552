package baton.conversation;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

public enum Author {
  CUSTOMER,
  BOT,
  AGENT,
  SYSTEM;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Author fromWire(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
