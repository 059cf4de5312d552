/**
 * What a customer turn tells us beyond its words' topic: whether the customer asks for a person
 * ({@link baton.signals.HumanRequestDetector}), how positive or negative the turn reads
 * ({@link baton.signals.SentimentScorer}) and how frustrated the customer is, with the cues that say so
 * ({@link baton.signals.FrustrationDetector}); {@link baton.signals.SentimentEvaluation} measures the last
 * two. Repeats, loops and policy keywords join here. Pure functions of text.
 */
package baton.signals;
