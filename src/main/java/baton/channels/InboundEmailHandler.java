package baton.channels;

/**
 * Takes a reply the {@link EmailReplyPoller} found. Returning normally means the reply is safe (the
 * poller then marks it read); throwing leaves it unread in the mailbox, so the next poll offers it
 * again. Called from the poller's one thread, in the mailbox's order.
 */
@FunctionalInterface
public interface InboundEmailHandler {
  void handle(InboundEmail email) throws Exception;
}
