package baton.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import baton.MutableClock;
import baton.conversation.Conversation;
import baton.conversation.ConversationId;
import baton.conversation.ConversationState;
import baton.escalation.Decision;
import baton.escalation.DecisionRecord;
import baton.escalation.Evidence;
import baton.escalation.HandoffPacket;
import baton.escalation.HandoffReason;
import baton.escalation.TurnContext;
import baton.platform.Json;
import baton.platform.TestDatabases;
import baton.routing.Team;
import baton.spec.EscalationSpec;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Handoffs to a tier with a webhook become one signed {@code handoff.created} delivery each. */
class TicketWebhooksTest {
  private static final Instant HANDED_OFF_AT = Instant.parse("2026-11-25T10:00:00Z");
  private static final String SECRET = "whsec_tickets";
  private static final EscalationSpec.Tier TICKETS = new EscalationSpec.Tier("tickets", "Tickets", EscalationSpec.Channel.TICKET,
      "support", 240, false, Optional.empty(), Optional.empty());
  private static final EscalationSpec.Tier URGENT = new EscalationSpec.Tier("urgent", "Urgent", EscalationSpec.Channel.LIVE_CHAT,
      "support", 2, true, Optional.empty(), Optional.empty());

  private final MutableClock clock = new MutableClock(HANDED_OFF_AT.plusMillis(40));
  private final HttpClient http = HttpClient.newHttpClient();
  private TestDatabases.TestDatabase db;
  private Receiver receiver;
  private WebhookOutbox outbox;
  private WebhookDispatcher dispatcher;
  private TicketWebhooks webhooks;

  @BeforeEach
  void open() {
    db = TestDatabases.h2();
    receiver = Receiver.start();
    outbox = new WebhookOutbox(db.database().jdbi(), clock);
    var helpdesk = WebhookEndpoint.of("helpdesk", receiver.url(), SECRET);
    dispatcher = new WebhookDispatcher(outbox, List.of(helpdesk), http, clock, java.util.random.RandomGenerator.getDefault(),
        new SimpleMeterRegistry());
    webhooks = new TicketWebhooks(Map.of("tickets", helpdesk), outbox, dispatcher, clock);
  }

  @AfterEach
  void close() {
    receiver.close();
    http.close();
    db.close();
  }

  @Test
  void handedOff_toATierWithAWebhook_reachesTheHelpdeskAsOneSignedEnvelope() {
    Conversation conversation = aConversation();
    Decision.HandOff handOff = aLoopHandOffTo(TICKETS);

    webhooks.handedOff(conversation, handOff);
    dispatcher.runDue();

    assertThat(receiver.requests()).hasSize(1);
    Receiver.Request request = receiver.requests().getFirst();
    assertThat(Signature.verify(SECRET, request.header("X-Baton-Timestamp"), request.body(), request.header("X-Baton-Signature"),
        Signature.DEFAULT_TOLERANCE, clock)).isTrue();
    assertThat(request.header("X-Baton-Event")).isEqualTo("handoff.created");
    JsonNode envelope = Json.readTree(request.body());
    List<String> fields = new ArrayList<>();
    envelope.fieldNames().forEachRemaining(fields::add);
    assertThat(fields).containsExactly("type", "version", "id", "createdAt", "reference", "conversationId", "tier", "team", "reason",
        "detail", "dueAt", "packet");
    assertThat(envelope.path("type").asText()).isEqualTo("handoff.created");
    assertThat(envelope.path("version").asInt()).isEqualTo(1);
    assertThat(envelope.path("id").asText()).isEqualTo(request.header("X-Baton-Delivery"));
    assertThat(envelope.path("createdAt").asText()).isEqualTo("2026-11-25T10:00:00.040Z");
    assertThat(envelope.path("reference").asText()).isEqualTo(EmailHandoffs.reference(conversation)).startsWith("BTN-");
    assertThat(envelope.path("conversationId").asText()).isEqualTo(conversation.id().value().toString());
    assertThat(envelope.path("tier").path("id").asText()).isEqualTo("tickets");
    assertThat(envelope.path("tier").path("name").asText()).isEqualTo("Tickets");
    assertThat(envelope.path("tier").path("channel").asText()).isEqualTo("ticket");
    assertThat(envelope.path("tier").path("targetMinutes").asInt()).isEqualTo(240);
    assertThat(envelope.path("team").path("id").asText()).isEqualTo("support");
    assertThat(envelope.path("team").path("name").asText()).isEqualTo("Support");
    assertThat(envelope.path("reason").asText()).isEqualTo("loop");
    assertThat(envelope.path("detail").asText()).isEqualTo("six turns without an answer");
    assertThat(envelope.path("dueAt").asText()).as("handoff + 4 h").isEqualTo("2026-11-25T14:00:00Z");
    assertThat(envelope.path("packet")).isEqualTo(Json.readTree(Json.write(handOff.packet())));
    assertThat(envelope.path("packet").path("schema").asText()).isEqualTo(HandoffPacket.SCHEMA);
  }

  @Test
  void handedOff_sameHandoffTwice_queuesOneDelivery() {
    Conversation conversation = aConversation();
    Decision.HandOff handOff = aLoopHandOffTo(TICKETS);

    webhooks.handedOff(conversation, handOff);
    webhooks.handedOff(conversation, handOff);

    assertThat(outbox.pending(10)).hasSize(1);
  }

  @Test
  void handedOff_againLater_isANewDeliveryWithANewId() {
    Conversation conversation = aConversation();

    webhooks.handedOff(conversation, aLoopHandOffTo(TICKETS));
    webhooks.handedOff(conversation, aHandOff(TICKETS, HANDED_OFF_AT.plus(Duration.ofDays(1))));

    assertThat(outbox.pending(10)).extracting(WebhookDelivery::idempotencyKey).doesNotHaveDuplicates().hasSize(2);
  }

  @Test
  void handedOff_toATierWithoutAWebhook_queuesNothing() {
    webhooks.handedOff(aConversation(), aLoopHandOffTo(URGENT));

    assertThat(outbox.pending(10)).isEmpty();
  }

  @Test
  void handedOff_whenTheDatabaseIsGone_doesNotThrow() {
    db.close();

    webhooks.handedOff(aConversation(), aLoopHandOffTo(TICKETS));
  }

  @Test
  void constructor_endpointTheDispatcherDoesNotKnow_isRefused() {
    var stranger = WebhookEndpoint.of("crm", receiver.url(), SECRET);

    assertThatThrownBy(() -> new TicketWebhooks(Map.of("tickets", stranger), outbox, dispatcher, clock))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("crm");
  }

  private static Conversation aConversation() {
    return new Conversation(ConversationId.random(), "hash", "web", UUID.randomUUID(), ConversationState.QUEUED, Optional.of("support"),
        Optional.empty(), 12, HANDED_OFF_AT.minusSeconds(300), HANDED_OFF_AT, Optional.of(HANDED_OFF_AT), 5, Optional.empty());
  }

  private static Decision.HandOff aLoopHandOffTo(EscalationSpec.Tier tier) {
    return aHandOff(tier, HANDED_OFF_AT);
  }

  private static Decision.HandOff aHandOff(EscalationSpec.Tier tier, Instant at) {
    var view = new HandoffPacket.TierView(tier.id(), tier.name(), tier.channel().wireName(), tier.team(), tier.targetMinutes());
    var packet = new HandoffPacket(HandoffPacket.SCHEMA, HandoffPacket.VERSION, UUID.randomUUID().toString(), at, "web",
        new HandoffPacket.Customer("Ada", "ada@example.com", null, null, List.of("KO-12345")), null,
        new HandoffPacket.Summary("where is my parcel", List.of(), List.of(), List.of()),
        new HandoffPacket.SentimentTag(-0.4, "mild", List.of()),
        new HandoffPacket.Escalation("turns >= 6", 2, "handoff", "loop", view, Map.of("turns", 6)), List.of(),
        List.of(new TurnContext.Line(1, "customer", "Ada", "where is my parcel", at.minusSeconds(60), List.of())));
    var record = new DecisionRecord(12, "handoff", "turns >= 6", 2, "loop", tier.id(), null, Map.of(), List.of(), List.of(), null, null,
        null, Map.of(), List.of(), null, null, at);
    return new Decision.HandOff(HandoffReason.LOOP, "six turns without an answer", tier, new Team("support", "Support", 60),
        "An agent will reply by email", packet, new Evidence("loop", 0, 0.6, 0.4, List.of()), record);
  }
}
