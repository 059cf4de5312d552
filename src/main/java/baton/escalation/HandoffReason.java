package baton.escalation;

import java.util.Locale;

/** Why the bot handed a conversation to people; shown to agents and counted in metrics. */
public enum HandoffReason {
  /** The customer asked for a person. */
  HUMAN_REQUEST,
  /** The customer is very frustrated. */
  FRUSTRATION,
  /** The customer shared a secret or payment data: a person must handle it, and the bot must not go on. */
  SENSITIVE_DATA,
  /** A policy keyword from the spec came up (legal threat, chargeback, cancellation…). */
  POLICY_KEYWORD,
  /** The question is about a topic the bot must never answer. */
  NO_GO_TOPIC,
  /** The customer asked again what they asked before. */
  REPEAT,
  /** The conversation went on for many turns without a person. */
  LOOP,
  /** Nothing in the knowledge base matched well enough to answer safely. */
  LOW_CONFIDENCE,
  /** The output guard stopped what the bot was about to say (it asked for a secret, repeated one, or touched a no-go topic). */
  OUTPUT_BLOCKED,
  /** A spec rule on other signals. */
  RULE;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
