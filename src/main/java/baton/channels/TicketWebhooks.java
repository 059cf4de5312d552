package baton.channels;

import baton.conversation.Conversation;
import baton.conversation.HandoffListener;
import baton.escalation.Decision;
import baton.escalation.HandoffPacket;
import baton.platform.Json;
import baton.spec.EscalationSpec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ticket webhooks. When a conversation is handed to a tier that has a webhook endpoint, the endpoint
 * (typically a helpdesk's ticket intake) gets one {@code handoff.created} event: the envelope of
 * docs/webhooks.md with the reference, tier, team, reason, when a reply is due, and the whole handoff
 * packet. The map from tier id to endpoint is the configuration, whatever the tier's channel, so a
 * helpdesk can also mirror email or live tiers; a {@code ticket} tier without an endpoint is logged.
 *
 * <p>The event goes into the outbox on the caller's thread (one insert) and out through the {@link
 * WebhookDispatcher}, woken here, so a slow or broken helpdesk never delays the chat, and a helpdesk
 * that is down gets the ticket when it is back. The idempotency key is derived from the conversation,
 * the moment of the handoff, the tier and the endpoint: telling this listener about the same handoff
 * twice stores one delivery, and receivers see one stable {@code X-Baton-Delivery} for it. Never
 * throws. Thread-safe.
 */
public final class TicketWebhooks implements HandoffListener {
  private static final Logger log = LoggerFactory.getLogger(TicketWebhooks.class);
  public static final String EVENT = "handoff.created";
  /** The envelope's version; additive changes keep it, as with the packet. */
  public static final int VERSION = 1;

  private final Map<String, WebhookEndpoint> endpointsByTier;
  private final WebhookOutbox outbox;
  private final WebhookDispatcher dispatcher;
  private final Clock clock;

  /**
   * @param endpointsByTier tier id to the endpoint that receives that tier's handoffs
   * @param dispatcher woken after each enqueue; must know every endpoint in the map by name
   */
  public TicketWebhooks(Map<String, WebhookEndpoint> endpointsByTier, WebhookOutbox outbox, WebhookDispatcher dispatcher, Clock clock) {
    this.endpointsByTier = Map.copyOf(endpointsByTier);
    this.outbox = outbox;
    this.dispatcher = dispatcher;
    this.clock = clock;
    this.endpointsByTier.forEach((tier, endpoint) -> {
      if (!endpoint.equals(dispatcher.endpoints().get(endpoint.name()))) {
        throw new IllegalArgumentException("tier " + tier + " sends to webhook " + endpoint.name() + ", which the dispatcher does not know");
      }
    });
  }

  /** The {@code handoff.created} event, as documented in docs/webhooks.md. Field order is the published order. */
  public record Envelope(String type, int version, String id, Instant createdAt, String reference, String conversationId,
      TierRef tier, TeamRef team, String reason, String detail, Instant dueAt, HandoffPacket packet) {}

  public record TierRef(String id, String name, String channel, int targetMinutes) {}

  public record TeamRef(String id, String name) {}

  @Override
  public void handedOff(Conversation conversation, Decision.HandOff handOff) {
    EscalationSpec.Tier tier = handOff.tier();
    WebhookEndpoint endpoint = endpointsByTier.get(tier.id());
    if (endpoint == null) {
      if (tier.channel() == EscalationSpec.Channel.TICKET) {
        log.warn("ticket tier {} has no webhook endpoint; conversation {} stays in the {} queue only", tier.id(), conversation.id(),
            tier.team());
      }
      return;
    }
    try {
      String key = idempotencyKey(conversation, handOff, endpoint);
      String payload = Json.write(envelope(key, conversation, handOff));
      if (outbox.enqueue(new WebhookDelivery.New(key, endpoint.name(), endpoint.safeUrl(), EVENT, payload))) {
        dispatcher.wake();
      }
    } catch (RuntimeException e) {
      log.error("could not queue the ticket webhook to {} for conversation {}; it stays in the {} queue", endpoint.name(),
          conversation.id(), tier.team(), e);
    }
  }

  /** The envelope for this handoff. {@code dueAt} is the handoff's moment plus the tier's promised minutes. */
  Envelope envelope(String key, Conversation conversation, Decision.HandOff handOff) {
    EscalationSpec.Tier tier = handOff.tier();
    HandoffPacket packet = handOff.packet();
    Instant handedOffAt = Optional.ofNullable(packet.createdAt()).orElseGet(clock::instant);
    return new Envelope(EVENT, VERSION, key, clock.instant().truncatedTo(ChronoUnit.MILLIS), EmailHandoffs.reference(conversation),
        conversation.id().value().toString(), new TierRef(tier.id(), tier.name(), tier.channel().wireName(), tier.targetMinutes()),
        new TeamRef(handOff.team().id(), handOff.team().name()), handOff.reason().wireName(), handOff.detail(),
        handedOffAt.plus(Duration.ofMinutes(tier.targetMinutes())), packet);
  }

  /** Stable for one handoff: the same inputs always give the same key (a name-based UUID). */
  static String idempotencyKey(Conversation conversation, Decision.HandOff handOff, WebhookEndpoint endpoint) {
    String name = String.join("|", EVENT, conversation.id().value().toString(), String.valueOf(handOff.packet().createdAt()),
        handOff.tier().id(), endpoint.name());
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
  }
}
