package baton.conversation;

/** The conversation id names nothing in the store. */
public final class ConversationNotFoundException extends RuntimeException {
  public ConversationNotFoundException(ConversationId id) {
    super("conversation " + id + " not found", null, false, false);
  }
}
