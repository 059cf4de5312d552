/**
 * Conversations and their transcripts: the state machine BOT → QUEUED → WITH_AGENT → RESOLVED, message
 * sequence numbers, handoff records, and the service that applies the bot's decisions and publishes
 * live events. Channels (widget, agent console) call {@link baton.conversation.ConversationService}.
 */
package baton.conversation;
