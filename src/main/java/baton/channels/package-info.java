/**
 * Ways a handed-off conversation reaches people outside the live chat: email to a team inbox with the
 * context packet, and the customer's confirmation; signed webhooks to helpdesks, sent from a durable
 * outbox ({@code webhook_deliveries}). Listens to handoffs the conversation feature commits; never
 * changes conversation state itself.
 */
package baton.channels;
