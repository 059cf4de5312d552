/**
 * What a customer turn tells us beyond its words' topic: today, whether the customer asks for a
 * person. Sentiment, repeats, loops and policy keywords join here. Pure functions of text.
 */
package baton.signals;
