/**
 * The built-in ticket list: conversations handed to an email or ticket tier, with their status (open,
 * pending, solved), who holds them and when the reply promised to the customer is due; the console's
 * {@code /console/tickets.html} and {@code /api/agent/tickets}. A ticket is a view of a conversation
 * and its handoffs, which stay the system of record: taking a ticket claims the conversation, solving it
 * resolves the conversation, and replies go through the existing email and chat paths. The ticket
 * store reads the conversation tables in its queries (read-only, like a report) because a list of
 * hundreds of tickets cannot be assembled through per-conversation lookups; it writes only its own
 * {@code tickets} table. See docs/decisions/0015-tickets-derived-from-handoffs.md.
 */
package baton.tickets;
