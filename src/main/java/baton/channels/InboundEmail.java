package baton.channels;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A reply read from the mailbox that names a Baton conversation. {@code text} is only what the sender
 * wrote this time (see {@link ReplyText}): no quoted history, no signature, never HTML; it may be
 * empty when the mail held nothing but a quote. {@code fromAddress} is lower case. The sender is what
 * the mail's From says, which the receiving server may or may not have authenticated.
 */
public record InboundEmail(String reference, String messageId, String fromAddress, Optional<String> fromName, String subject,
    String text, Instant receivedAt) {
  public InboundEmail {
    requireNonNull(reference, "reference");
    requireNonNull(messageId, "messageId");
    requireNonNull(fromAddress, "fromAddress");
    requireNonNull(fromName, "fromName");
    requireNonNull(subject, "subject");
    requireNonNull(text, "text");
    requireNonNull(receivedAt, "receivedAt");
  }

  /**
   * A short key that is the same every time this mail is read, for the conversation's duplicate check
   * (its {@code clientId}, at most 64 characters): a mail read twice — the mailbox lost the SEEN flag,
   * or the connection dropped between handling and flagging — then lands once.
   */
  public String deduplicationKey() {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(messageId.getBytes(StandardCharsets.UTF_8));
      return "email-" + HexFormat.of().formatHex(digest, 0, 20);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
