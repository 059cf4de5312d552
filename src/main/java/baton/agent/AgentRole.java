package baton.agent;

import java.util.Locale;

public enum AgentRole {
  AGENT,
  SUPERVISOR,
  ADMIN;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  static AgentRole fromWire(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
