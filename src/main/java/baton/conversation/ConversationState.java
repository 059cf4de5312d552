package baton.conversation;

/**
 * Who owns a conversation. BOT: the bot answers. QUEUED: handed off, waiting in a team queue, the bot
 * is silent. WITH_AGENT: one agent owns it, the bot is silent. RESOLVED: closed; a new customer
 * message reopens it to the bot.
 */
public enum ConversationState {
  BOT,
  QUEUED,
  WITH_AGENT,
  RESOLVED;

  public boolean isWithHumans() {
    return this == QUEUED || this == WITH_AGENT;
  }
}
