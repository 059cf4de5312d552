/**
 * Ways a handed-off conversation reaches people outside the live chat: email to a team inbox with the
 * context packet, and the customer's confirmation. Listens to handoffs the conversation feature
 * commits; never changes conversation state itself.
 */
package baton.channels;
