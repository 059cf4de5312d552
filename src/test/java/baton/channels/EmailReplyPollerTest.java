package baton.channels;

import static org.assertj.core.api.Assertions.assertThat;

import baton.conversation.ConversationId;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Replies to handoff mail read back over real IMAP from a real mail server (GreenMail, in process, on
 * loopback): the team inbox receives Baton's own handoff mail, the customer's and the agents' replies
 * arrive over SMTP, and each poll hands the new text of the replies to the handler.
 */
class EmailReplyPollerTest {
  private static final String INBOX = "support@kestrel.example";
  private static final String CUSTOMER = "ada@example.com";
  private static final String REFERENCE = "BTN-4F2C31BC";
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-06-03T10:00:00Z"), ZoneOffset.UTC);

  private GreenMail mail;
  private Session smtp;
  private final List<InboundEmail> handled = new CopyOnWriteArrayList<>();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  @BeforeEach
  void startMailServer() {
    mail = new GreenMail(new ServerSetup[] {new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
        new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
    mail.start();
    mail.setUser(INBOX, "support", "inbox-secret");
    var properties = new Properties();
    properties.put("mail.smtp.host", "127.0.0.1");
    properties.put("mail.smtp.port", Integer.toString(mail.getSmtp().getPort()));
    smtp = Session.getInstance(properties);
  }

  @AfterEach
  void stopMailServer() {
    mail.stop();
  }

  @Test
  void pollOnce_customerReplyWithQuoteAndSignature_deliversOnlyTheNewText() throws Exception {
    String confirmation = sendOurConfirmationToTheInbox();
    send(aMail(CUSTOMER, "Ada Lovelace", "Re: [" + REFERENCE + "] We have your message", """
        The jacket arrived with a torn seam.
        Order 4411.

        --\s
        Ada Lovelace
        Analytical Engines Ltd

        On Mon, 3 Jun 2024 at 10:15, Kestrel Support <baton@kestrel.example> wrote:
        > Hi Ada, thank you for getting in touch.
        """, Map.of("In-Reply-To", confirmation)));

    EmailReplyPoller.PollReport report = poller(handled::add).pollOnce();

    assertThat(report.delivered()).isEqualTo(1);
    assertThat(report.ignored()).as("our own handoff mail in the team inbox").isEqualTo(1);
    assertThat(handled).singleElement().satisfies(email -> {
      assertThat(email.reference()).isEqualTo(REFERENCE);
      assertThat(email.text()).isEqualTo("The jacket arrived with a torn seam.\nOrder 4411.");
      assertThat(email.fromAddress()).isEqualTo(CUSTOMER);
      assertThat(email.fromName()).contains("Ada Lovelace");
      assertThat(email.messageId()).startsWith("<").endsWith(">");
      assertThat(email.deduplicationKey()).hasSizeLessThanOrEqualTo(64);
    });
    assertThat(unread()).isZero();
  }

  @Test
  void pollOnce_subjectChanged_isMatchedByInReplyTo() throws Exception {
    String confirmation = sendOurConfirmationToTheInbox();
    send(aMail(CUSTOMER, null, "my jacket", "Any news?\n\n> Hi Ada\n", Map.of("In-Reply-To", confirmation, "References",
        confirmation)));

    poller(handled::add).pollOnce();

    assertThat(handled).singleElement().satisfies(email -> {
      assertThat(email.reference()).isEqualTo(REFERENCE);
      assertThat(email.text()).isEqualTo("Any news?");
    });
  }

  @Test
  void pollOnce_htmlOnlyReplyWithAScript_deliversCleanText() throws Exception {
    MimeMessage reply = aMail(CUSTOMER, null, "Re: [btn-4f2c31bc] We have your message", "", Map.of());
    reply.setContent("<html><body><p>Photos are <b>attached</b>.</p><script>alert(document.cookie)</script>"
        + "<blockquote>Hi Ada</blockquote></body></html>", "text/html; charset=UTF-8");
    send(reply);

    poller(handled::add).pollOnce();

    assertThat(handled).singleElement().extracting(InboundEmail::text).isEqualTo("Photos are attached.");
  }

  @Test
  void pollOnce_mailWithoutReference_isMarkedReadAndNotDelivered() throws Exception {
    send(aMail(CUSTOMER, null, "Hello", "Do you sell gloves?", Map.of()));
    EmailReplyPoller poller = poller(handled::add);

    EmailReplyPoller.PollReport first = poller.pollOnce();
    EmailReplyPoller.PollReport second = poller.pollOnce();

    assertThat(first.unmatched()).isEqualTo(1);
    assertThat(second.unmatched()).as("read once, not again").isZero();
    assertThat(handled).isEmpty();
    assertThat(unread()).isZero();
    assertThat(meters.counter("baton.mail.inbound.unmatched", "reason", "no-reference").count()).isEqualTo(1);
  }

  @Test
  void pollOnce_handlerThrows_leavesTheMailUnread_andTheNextPollDeliversItOnce() throws Exception {
    send(aMail(CUSTOMER, null, "Re: [" + REFERENCE + "] We have your message", "First", Map.of()));
    send(aMail(CUSTOMER, null, "Re: [" + REFERENCE + "] We have your message", "Second", Map.of()));
    var failures = new int[] {1};
    EmailReplyPoller poller = poller(email -> {
      if (failures[0]-- > 0) {
        throw new IllegalStateException("database is down");
      }
      handled.add(email);
    });

    EmailReplyPoller.PollReport failed = poller.pollOnce();

    assertThat(failed.failed()).isEqualTo(1);
    assertThat(failed.delivered()).as("the second waits behind the first, to keep their order").isZero();
    assertThat(unread()).isEqualTo(2);

    EmailReplyPoller.PollReport retried = poller.pollOnce();
    EmailReplyPoller.PollReport after = poller.pollOnce();

    assertThat(retried.delivered()).isEqualTo(2);
    assertThat(after.delivered()).isZero();
    assertThat(handled).extracting(InboundEmail::text).containsExactly("First", "Second");
  }

  @Test
  void pollOnce_serverDown_reportsItAndDoesNotThrow() throws Exception {
    int closedPort;
    try (var socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    var poller = new EmailReplyPoller(new ImapSettings("127.0.0.1", closedPort, false, "support", "inbox-secret"), handled::add,
        meters, CLOCK);

    EmailReplyPoller.PollReport report = poller.pollOnce();

    assertThat(report.reachedMailbox()).isFalse();
    assertThat(report.error()).get().asString().contains("Connect");
    assertThat(meters.counter("baton.mail.inbound.poll.failures").count()).isEqualTo(1);
  }

  @Test
  void pollOnce_wrongPassword_reportsItAndDoesNotThrow() {
    var poller = new EmailReplyPoller(new ImapSettings("127.0.0.1", mail.getImap().getPort(), false, "support", "wrong"),
        handled::add, meters, CLOCK);

    assertThat(poller.pollOnce().reachedMailbox()).isFalse();
  }

  @Test
  void pollOnce_outOfOfficeReply_isIgnored() throws Exception {
    send(aMail(CUSTOMER, null, "Automatic reply: [" + REFERENCE + "] We have your message", "I am away until Monday.",
        Map.of("Auto-Submitted", "auto-replied")));

    EmailReplyPoller.PollReport report = poller(handled::add).pollOnce();

    assertThat(report.ignored()).isEqualTo(1);
    assertThat(handled).isEmpty();
  }

  @Test
  void pollOnce_customerAgentCustomerThread_arrivesInOrderAndIsRoutedBySender() throws Exception {
    String confirmation = sendOurConfirmationToTheInbox();
    MimeMessage first = aMail(CUSTOMER, null, "Re: [" + REFERENCE + "] We have your message",
        "Where is my refund?\n\nOn Mon, 3 Jun 2024 at 10:15, Kestrel <baton@kestrel.example> wrote:\n> Hi Ada\n",
        Map.of("In-Reply-To", confirmation));
    send(first);
    MimeMessage agent = aMail("grace@kestrel.example", "Grace", "Re: [" + REFERENCE + "] We have your message",
        "It went out today.\n\nGrace\nKestrel Support\n\nOn Mon, 3 Jun 2024 at 11:00, Ada <ada@example.com> wrote:\n> Where is my refund?\n",
        Map.of("In-Reply-To", first.getMessageID()));
    agent.addRecipients(Message.RecipientType.TO, CUSTOMER);
    send(agent);
    send(aMail(CUSTOMER, null, "Re: [" + REFERENCE + "] We have your message", "Got it, thank you!\n\n> It went out today.\n",
        Map.of("In-Reply-To", agent.getMessageID())));
    var sink = new ThreadSink();
    var replies = new EmailReplies(sink, meters, 4000);

    EmailReplyPoller.PollReport report = poller(replies).pollOnce();

    assertThat(report.delivered()).isEqualTo(3);
    assertThat(sink.written).containsExactly(
        "customer: Where is my refund?",
        "agent grace@kestrel.example: It went out today.\n\nGrace\nKestrel Support",
        "customer: Got it, thank you!");
  }

  @Test
  void start_pollsInTheBackground_untilClosed() throws Exception {
    var settings = new ImapSettings("127.0.0.1", mail.getImap().getPort(), false, "support", "inbox-secret", ImapSettings.INBOX,
        Duration.ofSeconds(1));
    try (var poller = new EmailReplyPoller(settings, handled::add, meters, CLOCK)) {
      poller.start();
      send(aMail(CUSTOMER, null, "Re: [" + REFERENCE + "] We have your message", "Hello again", Map.of()));
      long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
      while (handled.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
    }
    assertThat(handled).extracting(InboundEmail::text).containsExactly("Hello again");
  }

  @Test
  void settings_toString_neverShowsThePassword() {
    assertThat(new ImapSettings("imap.kestrel.example", 993, true, "support", "inbox-secret").toString())
        .isEqualTo("imaps://support@imap.kestrel.example:993/INBOX every 60s")
        .doesNotContain("inbox-secret");
  }

  private EmailReplyPoller poller(InboundEmailHandler handler) {
    return new EmailReplyPoller(new ImapSettings("127.0.0.1", mail.getImap().getPort(), false, "support", "inbox-secret"), handler,
        meters, CLOCK);
  }

  /** What EmailHandoffs sends, as far as replies care: our Message-ID, the reference, the header. */
  private String sendOurConfirmationToTheInbox() throws MessagingException {
    String messageId = MailReferences.messageId(REFERENCE, "team", "baton@kestrel.example", new Random(1));
    var message = new MimeMessage(smtp) {
      @Override
      protected void updateMessageID() throws MessagingException {
        setHeader("Message-ID", messageId);
      }
    };
    message.setFrom(new InternetAddress("baton@kestrel.example"));
    message.setRecipients(Message.RecipientType.TO, INBOX);
    message.setReplyTo(InternetAddress.parse(CUSTOMER + ", " + INBOX));
    message.setSubject("[" + REFERENCE + "] Ada: where is my refund (Email)");
    message.setText("Reference: " + REFERENCE + "\n");
    message.setHeader(MailReferences.HEADER, REFERENCE);
    send(message);
    return messageId;
  }

  private MimeMessage aMail(String from, String name, String subject, String body, Map<String, String> headers)
      throws MessagingException, IOException {
    var message = new MimeMessage(smtp);
    message.setFrom(new InternetAddress(from, name));
    message.setRecipients(Message.RecipientType.TO, INBOX);
    message.setSubject(subject, "UTF-8");
    message.setText(body, "UTF-8");
    for (var header : headers.entrySet()) {
      message.setHeader(header.getKey(), header.getValue());
    }
    return message;
  }

  private void send(MimeMessage message) throws MessagingException {
    message.saveChanges();
    Transport.send(message);
  }

  private int unread() throws MessagingException {
    var properties = new Properties();
    properties.put("mail.imap.peek", "true");
    try (Store store = Session.getInstance(properties).getStore("imap")) {
      store.connect("127.0.0.1", mail.getImap().getPort(), "support", "inbox-secret");
      Folder inbox = store.getFolder("INBOX");
      inbox.open(Folder.READ_ONLY);
      try {
        return (int) java.util.Arrays.stream(inbox.getMessages()).filter(message -> {
          try {
            return !message.isSet(Flags.Flag.SEEN);
          } catch (MessagingException e) {
            throw new IllegalStateException(e);
          }
        }).count();
      } finally {
        inbox.close(false);
      }
    }
  }

  /** One conversation: Ada's, answered from the team by Grace. */
  private static final class ThreadSink implements EmailReplies.ReplySink {
    private static final ConversationId ID = new ConversationId(UUID.fromString("4f2c31bc-c93e-4c8b-848f-8f86e0793654"));
    final List<String> written = new ArrayList<>();

    @Override
    public Optional<EmailReplies.EmailThread> findByReference(String reference) {
      return reference.equals(REFERENCE) ? Optional.of(new EmailReplies.EmailThread(ID, Optional.of(CUSTOMER), Optional.of(INBOX)))
          : Optional.empty();
    }

    @Override
    public boolean isAgentAddress(String address) {
      return address.equals("grace@kestrel.example");
    }

    @Override
    public void customerWrote(ConversationId conversation, String text, InboundEmail email) {
      written.add("customer: " + text);
    }

    @Override
    public void agentWrote(ConversationId conversation, String text, InboundEmail email) {
      written.add("agent " + email.fromAddress() + ": " + text);
    }
  }
}
