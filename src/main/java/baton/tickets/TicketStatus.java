package baton.tickets;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a ticket stands. OPEN: the team owes the customer a reply. PENDING: the team has answered and
 * waits for the customer. SOLVED: the conversation's human episode ended (resolved, or handed back to
 * the bot).
 */
public enum TicketStatus {
  OPEN, PENDING, SOLVED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<TicketStatus> fromWire(String text) {
    for (TicketStatus status : values()) {
      if (status.wireName().equals(text)) {
        return Optional.of(status);
      }
    }
    return Optional.empty();
  }

  /**
   * The status from the facts, so that nothing has to be kept in step with the conversation: solved
   * once its episode is closed; otherwise the newest of three events decides — a customer message
   * (open: they are waiting), a team reply (pending: the customer is), an agent's explicit mark.
   * Events before the ticket was opened do not count; with none after it, the ticket is open.
   */
  static TicketStatus derive(Instant openedAt, Optional<Instant> solvedAt, Optional<Instant> lastCustomerMessage,
      Optional<Instant> lastTeamReply, Optional<TicketStatus> mark, Optional<Instant> markedAt) {
    if (solvedAt.isPresent()) {
      return SOLVED;
    }
    TicketStatus status = OPEN;
    Instant newest = openedAt;
    if (lastTeamReply.isPresent() && lastTeamReply.get().isAfter(newest)) {
      status = PENDING;
      newest = lastTeamReply.get();
    }
    if (mark.isPresent() && markedAt.isPresent() && !markedAt.get().isBefore(newest)) {
      status = mark.get();
      newest = markedAt.get();
    }
    // A customer writing after anything else reopens the ticket: they are waiting again.
    if (lastCustomerMessage.isPresent() && lastCustomerMessage.get().isAfter(newest)) {
      status = OPEN;
    }
    return status;
  }
}
