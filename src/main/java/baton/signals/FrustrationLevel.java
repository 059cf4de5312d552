package baton.signals;

/** How close a customer is to the end of their patience, as the escalation rules read it. */
public enum FrustrationLevel {
  /** Neutral or happy; nothing for an agent to handle differently. */
  NONE,
  /** A problem told with annoyance or impatience; worth a softer tone, not yet a hand-off. */
  MILD,
  /** Anger, repeated failure, threats to leave or act: a person should take over. */
  HIGH
}
