package baton.analytics;

import java.time.Duration;

/**
 * The bounds behind "decided" and behind the suggestions; docs/analytics.md states each one. Immutable.
 *
 * @param idleAfter a conversation still with the bot and silent this long is over (the customer left)
 * @param minimumSample no suggestion is made from fewer conversations (or turns) than this
 * @param alwaysEscalates a topic whose share of handed-off conversations is at least this "always escalates"
 * @param repeatShare suggest a missing article when at least this share of a topic's handoffs had repeats
 * @param answerHandoffShare suggest reviewing an article when at least this share of its answers led to a handoff
 * @param failedClarificationShare suggest clearer topics when at least this share of clarifications failed
 * @param fallbackShare suggest staffing when at least this share of handoffs fell back to email or ticket
 */
record Thresholds(Duration idleAfter, int minimumSample, double alwaysEscalates, double repeatShare, double answerHandoffShare,
    double failedClarificationShare, double fallbackShare) {

  static final Thresholds DEFAULT = new Thresholds(Duration.ofMinutes(30), 5, 0.9, 0.3, 0.4, 0.5, 0.2);
}
