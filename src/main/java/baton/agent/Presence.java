package baton.agent;

import java.util.Locale;

/** Whether an agent can take conversations now: only online agents are auto-assigned. */
public enum Presence {
  ONLINE, AWAY, OFFLINE;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Presence fromWire(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
