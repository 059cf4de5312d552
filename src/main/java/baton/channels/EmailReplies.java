package baton.channels;

import static java.util.Objects.requireNonNull;

import baton.conversation.ConversationId;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides who wrote an email reply and puts it into its conversation. The sender is the customer when
 * the From address is the email the conversation has for them; a person of the team when it is the
 * team inbox of the conversation's tier or the address of an agent Baton knows; otherwise nobody we
 * can vouch for (a colleague of the customer, a forwarded mail, a guessed reference), and the reply is
 * left out of the conversation, logged and counted ({@code baton.mail.inbound.unmatched}). A reply
 * whose new text is empty (only a quote) is left out too. Addresses compare without regard to case.
 *
 * <p>The conversation side is a {@link ReplySink}, so this class holds no conversation state and is
 * thread-safe if the sink is.
 */
public final class EmailReplies implements InboundEmailHandler {
  private static final Logger log = LoggerFactory.getLogger(EmailReplies.class);

  /** What the conversation feature tells about the conversation a reference names. */
  public record EmailThread(ConversationId conversation, Optional<String> customerEmail, Optional<String> teamInbox) {
    public EmailThread {
      requireNonNull(conversation, "conversation");
      requireNonNull(customerEmail, "customerEmail");
      requireNonNull(teamInbox, "teamInbox");
    }
  }

  /**
   * The conversation side of email replies. A method that throws leaves the mail unread, so it is
   * offered again at the next poll, and the conversation's later replies wait behind it: throw only
   * for trouble that passes (the database is down), and log and return for a reply that can never be
   * added. Pass {@link InboundEmail#deduplicationKey()} as the message's client id so a mail offered
   * twice lands once.
   */
  public interface ReplySink {
    /** The conversation whose reference ({@code BTN-} + the first 8 hex digits of its id) this is. */
    Optional<EmailThread> findByReference(String reference);

    /** Whether this (lower-case) address belongs to an agent of Baton. */
    boolean isAgentAddress(String address);

    void customerWrote(ConversationId conversation, String text, InboundEmail email);

    void agentWrote(ConversationId conversation, String text, InboundEmail email);
  }

  /** What became of one reply; for tests and logs. */
  public enum Outcome {
    CUSTOMER, AGENT, UNKNOWN_CONVERSATION, UNKNOWN_SENDER, EMPTY
  }

  private final ReplySink sink;
  private final MeterRegistry meters;
  private final int maxChars;

  /** {@code maxChars}: the longest message a conversation takes (the server's max message length). */
  public EmailReplies(ReplySink sink, MeterRegistry meters, int maxChars) {
    if (maxChars < 2) {
      throw new IllegalArgumentException("maxChars must be at least 2, not " + maxChars);
    }
    this.sink = requireNonNull(sink, "sink");
    this.meters = requireNonNull(meters, "meters");
    this.maxChars = maxChars;
  }

  @Override
  public void handle(InboundEmail email) {
    route(email);
  }

  /** Puts the reply where it belongs and says where that was. */
  public Outcome route(InboundEmail email) {
    Optional<EmailThread> found = sink.findByReference(email.reference());
    if (found.isEmpty()) {
      return unmatched(email, Outcome.UNKNOWN_CONVERSATION);
    }
    EmailThread thread = found.get();
    String text = fit(email.text().strip());
    if (text.isEmpty()) {
      return unmatched(email, Outcome.EMPTY);
    }
    String from = email.fromAddress().strip().toLowerCase(Locale.ROOT);
    if (thread.customerEmail().filter(customer -> sameAddress(customer, from)).isPresent()) {
      sink.customerWrote(thread.conversation(), text, email);
      return Outcome.CUSTOMER;
    }
    if (thread.teamInbox().filter(inbox -> sameAddress(inbox, from)).isPresent() || sink.isAgentAddress(from)) {
      sink.agentWrote(thread.conversation(), text, email);
      return Outcome.AGENT;
    }
    return unmatched(email, Outcome.UNKNOWN_SENDER);
  }

  private Outcome unmatched(InboundEmail email, Outcome outcome) {
    String reason = outcome.name().toLowerCase(Locale.ROOT).replace('_', '-');
    meters.counter("baton.mail.inbound.unmatched", "reason", reason).increment();
    log.info("email {} for {} left out of the conversation: {}", email.messageId(), email.reference(), reason);
    return outcome;
  }

  private static boolean sameAddress(String known, String from) {
    return known.strip().equalsIgnoreCase(from);
  }

  /** Longer than the conversation takes: cut, marked, rather than refused (the mail is still read). */
  private String fit(String text) {
    if (text.length() <= maxChars) {
      return text;
    }
    int end = Character.isHighSurrogate(text.charAt(maxChars - 2)) ? maxChars - 2 : maxChars - 1;
    return text.substring(0, end) + "…";
  }
}
