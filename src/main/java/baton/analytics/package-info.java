/**
 * Analytics: measures of how well the bot and the teams serve customers — automation and handoff
 * rates, what triggered the handoffs, response and resolution times, the loops and repeats before a
 * handoff, customer satisfaction — with drill-down to the conversations behind every number, CSV
 * export, suggestions, Prometheus gauges and the dashboard page under {@code /web/console/analytics}.
 *
 * <p>Every number is computed on request from the rows the other features already keep (conversations,
 * messages, handoffs, the decision log) plus the one table this feature owns, the satisfaction
 * ratings. There are no separate counters that could drift from the record. This feature reads those
 * tables with its own read-only SQL, the way a report reads a ledger: it never writes to them.
 */
package baton.analytics;
