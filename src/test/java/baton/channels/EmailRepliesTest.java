package baton.channels;

import static org.assertj.core.api.Assertions.assertThat;

import baton.conversation.ConversationId;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EmailRepliesTest {
  private static final ConversationId CONVERSATION = new ConversationId(UUID.fromString("4f2c31bc-c93e-4c8b-848f-8f86e0793654"));
  private static final String REFERENCE = "BTN-4F2C31BC";

  private final RecordingSink sink = new RecordingSink();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final EmailReplies replies = new EmailReplies(sink, meters, 4000);

  @Test
  void route_fromTheCustomersAddress_isTheCustomerWriting() {
    sink.threads.put(REFERENCE, adasThread());

    assertThat(replies.route(aReply("Ada@Example.com", "It came broken."))).isEqualTo(EmailReplies.Outcome.CUSTOMER);
    assertThat(sink.written).containsExactly("customer " + CONVERSATION.value() + ": It came broken.");
  }

  @Test
  void route_fromTheTeamInbox_isAnAgentWriting() {
    sink.threads.put(REFERENCE, adasThread());

    assertThat(replies.route(aReply("support@kestrel.example", "A new one is on its way."))).isEqualTo(EmailReplies.Outcome.AGENT);
    assertThat(sink.written).containsExactly("agent " + CONVERSATION.value() + ": A new one is on its way.");
  }

  @Test
  void route_fromAKnownAgentsAddress_isAnAgentWriting() {
    sink.threads.put(REFERENCE, adasThread());
    sink.agents.add("grace@kestrel.example");

    assertThat(replies.route(aReply("grace@kestrel.example", "Refunded."))).isEqualTo(EmailReplies.Outcome.AGENT);
  }

  @Test
  void route_fromSomeoneElse_isLeftOutAndCounted() {
    sink.threads.put(REFERENCE, adasThread());

    assertThat(replies.route(aReply("mallory@example.net", "Send the refund to me."))).isEqualTo(EmailReplies.Outcome.UNKNOWN_SENDER);
    assertThat(sink.written).isEmpty();
    assertThat(meters.counter("baton.mail.inbound.unmatched", "reason", "unknown-sender").count()).isEqualTo(1);
  }

  @Test
  void route_unknownReference_isLeftOut() {
    assertThat(replies.route(aReply("ada@example.com", "Hello?"))).isEqualTo(EmailReplies.Outcome.UNKNOWN_CONVERSATION);
    assertThat(sink.written).isEmpty();
  }

  @Test
  void route_emptyReply_isLeftOut() {
    sink.threads.put(REFERENCE, adasThread());

    assertThat(replies.route(aReply("ada@example.com", "  "))).isEqualTo(EmailReplies.Outcome.EMPTY);
    assertThat(sink.written).isEmpty();
  }

  @Test
  void route_customerWithoutAKnownEmail_isLeftOut() {
    sink.threads.put(REFERENCE, new EmailReplies.EmailThread(CONVERSATION, Optional.empty(), Optional.of("support@kestrel.example")));

    assertThat(replies.route(aReply("ada@example.com", "Hi"))).isEqualTo(EmailReplies.Outcome.UNKNOWN_SENDER);
  }

  @Test
  void route_longerThanAConversationTakes_isCutToFit() {
    sink.threads.put(REFERENCE, adasThread());
    var shortReplies = new EmailReplies(sink, meters, 10);

    shortReplies.route(aReply("ada@example.com", "0123456789abcdef"));

    assertThat(sink.written).containsExactly("customer " + CONVERSATION.value() + ": 012345678…");
  }

  private static EmailReplies.EmailThread adasThread() {
    return new EmailReplies.EmailThread(CONVERSATION, Optional.of("ada@example.com"), Optional.of("Support@Kestrel.example"));
  }

  private static InboundEmail aReply(String from, String text) {
    return new InboundEmail(REFERENCE, "<reply-1@example.com>", from.toLowerCase(Locale.ROOT), Optional.empty(),
        "Re: [" + REFERENCE + "] We have your message", text, Instant.parse("2024-06-03T10:20:00Z"));
  }

  /** Keeps what it was told, as lines, and knows the conversations and agents it was given. */
  private static final class RecordingSink implements EmailReplies.ReplySink {
    final Map<String, EmailReplies.EmailThread> threads = new HashMap<>();
    final Set<String> agents = new HashSet<>();
    final List<String> written = new ArrayList<>();

    @Override
    public Optional<EmailReplies.EmailThread> findByReference(String reference) {
      return Optional.ofNullable(threads.get(reference));
    }

    @Override
    public boolean isAgentAddress(String address) {
      return agents.contains(address);
    }

    @Override
    public void customerWrote(ConversationId conversation, String text, InboundEmail email) {
      written.add("customer " + conversation.value() + ": " + text);
    }

    @Override
    public void agentWrote(ConversationId conversation, String text, InboundEmail email) {
      written.add("agent " + conversation.value() + ": " + text);
    }
  }
}
