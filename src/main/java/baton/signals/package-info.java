/**
 * What a customer turn tells us beyond its words' topic: whether the customer asks for a person
 * ({@link baton.signals.HumanRequestDetector}), how positive or negative the turn reads
 * ({@link baton.signals.SentimentScorer}) and how frustrated the customer is, with the cues that say so
 * ({@link baton.signals.FrustrationDetector}); policy keywords, secrets and payment data, and
 * acknowledgements. Also the catalog of named signals and the small condition language rules are
 * written in ({@link baton.signals.ConditionParser}), and the sentiment evaluation. Pure functions of text.
 */
package baton.signals;
