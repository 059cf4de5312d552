package baton.escalation;

import java.util.Locale;

public enum HandoffReason {
  /** The customer asked for a person. */
  HUMAN_REQUEST,
  /** Nothing in the knowledge base matched well enough to answer safely. */
  LOW_CONFIDENCE;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
