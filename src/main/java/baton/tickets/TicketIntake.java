package baton.tickets;

import baton.conversation.Conversation;
import baton.conversation.ConversationStore;
import baton.conversation.Handoff;
import baton.conversation.HandoffListener;
import baton.escalation.Decision;
import baton.escalation.HandoffCopy;
import baton.spec.EscalationSpec;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a ticket for every handoff to an email or ticket tier, once it has committed. The due time is
 * {@link HandoffCopy#replyDue} from the packet's moment, the same instant the ticket webhook's
 * {@code dueAt} uses, so the list, the helpdesk and the customer's confirmation agree.
 *
 * <p>Runs after the handoff's commit, like the mail and the webhook: a crash in between leaves the
 * conversation queued in the console without its ticket row (logged). Never throws. Thread-safe.
 */
public final class TicketIntake implements HandoffListener {
  private static final Logger log = LoggerFactory.getLogger(TicketIntake.class);

  private final ConversationStore conversations;
  private final TicketStore tickets;

  public TicketIntake(ConversationStore conversations, TicketStore tickets) {
    this.conversations = conversations;
    this.tickets = tickets;
  }

  @Override
  public void handedOff(Conversation conversation, Decision.HandOff handOff) {
    EscalationSpec.Tier tier = handOff.tier();
    if (tier.channel() != EscalationSpec.Channel.EMAIL && tier.channel() != EscalationSpec.Channel.TICKET) {
      return;
    }
    try {
      Optional<Handoff> handoff = conversations.latestHandoff(conversation.id())
          .filter(latest -> latest.tierId().equals(Optional.of(tier.id())) && latest.resolvedAt().isEmpty());
      if (handoff.isEmpty()) {
        log.warn("conversation {} moved on before its {} ticket was opened; no ticket", conversation.id(), tier.id());
        return;
      }
      Instant handedOffAt = Optional.ofNullable(handOff.packet().createdAt()).orElse(handoff.get().createdAt());
      Optional<String> subject = Optional.ofNullable(handOff.packet().summary()).map(summary -> summary.request())
          .filter(text -> !text.isBlank());
      tickets.open(new TicketStore.Opened(handoff.get().id(), conversation.id(), tier.id(), tier.channel().wireName(), subject,
          handoff.get().createdAt(), HandoffCopy.replyDue(tier, handedOffAt)));
    } catch (RuntimeException e) {
      log.error("could not open the ticket for conversation {}; it stays in the {} queue", conversation.id(), tier.team(), e);
    }
  }
}
