/**
 * Ways a handed-off conversation reaches people outside the live chat: email to a team inbox with the
 * context packet, and the customer's confirmation; signed webhooks to helpdesks, sent from a durable
 * outbox ({@code webhook_deliveries}); and the way back, replies read from an IMAP mailbox
 * ({@link baton.channels.EmailReplyPoller}), reduced to their new text ({@link baton.channels.ReplyText})
 * and routed by sender ({@link baton.channels.EmailReplies}). Listens to handoffs the conversation
 * feature commits; never changes conversation state itself: replies go in through a sink the
 * composition root implements over the conversation feature.
 */
package baton.channels;
