/**
 * Turns a customer turn into a {@link baton.escalation.Decision}: answer from the knowledge base, or
 * hand off to a team with honest copy. The rule engine, tiers and checklists grow here.
 */
package baton.escalation;
