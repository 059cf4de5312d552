package baton.channels;

import baton.conversation.Conversation;
import baton.conversation.HandoffListener;
import baton.escalation.Decision;
import baton.escalation.HandoffCopy;
import baton.escalation.HandoffPacket;
import baton.escalation.TurnContext;
import baton.platform.Json;
import baton.spec.EscalationSpec;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Properties;
import java.util.random.RandomGenerator;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Email handoffs. When a conversation is handed to a tier whose channel is email, the tier's team
 * inbox gets one message: the summary first (who, what they want in their own words, order numbers,
 * how they feel, why the bot escalated, what is missing), the transcript after, and the context
 * packet attached as JSON for helpdesk tools. The customer, when their email is known, gets a
 * confirmation with the reference and the promised reply time.
 *
 * <p>Mail goes out on a background thread after the handoff has committed, so a slow or broken SMTP
 * server never delays the chat or loses the handoff (the conversation stays in the team's queue in
 * the console either way); failures are logged and counted ({@code baton.mail.failures}). The
 * reference ({@code BTN-} + the first 8 characters of the conversation id) is in the subject, where
 * replies keep it, and in each mail's Message-ID, which replies quote in In-Reply-To and References
 * even when the subject is changed; {@link EmailReplyPoller} reads replies back by either. The team's
 * mail asks for replies to go to the customer and to the team inbox, so an agent's answer also lands
 * in the inbox Baton reads. Thread-safe.
 */
public final class EmailHandoffs implements HandoffListener, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmailHandoffs.class);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private final MailSettings settings;
  private final Session session;
  private final MeterRegistry meters;
  private final RandomGenerator random = new SecureRandom();
  private final ExecutorService sending = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("mail-", 0).factory());

  public EmailHandoffs(MailSettings settings, MeterRegistry meters) {
    this.settings = settings;
    this.meters = meters;
    var properties = new Properties();
    properties.put("mail.smtp.host", settings.host());
    properties.put("mail.smtp.port", Integer.toString(settings.port()));
    properties.put("mail.smtp.auth", Boolean.toString(settings.username().isPresent()));
    properties.put("mail.smtp.starttls.enable", Boolean.toString(settings.startTls()));
    properties.put("mail.smtp.connectiontimeout", "10000");
    properties.put("mail.smtp.timeout", "15000");
    properties.put("mail.smtp.writetimeout", "15000");
    this.session = Session.getInstance(properties);
  }

  /** The reference customers and agents quote: short, stable, derived from the conversation id. */
  public static String reference(Conversation conversation) {
    return conversation.id().reference();
  }

  @Override
  public void handedOff(Conversation conversation, Decision.HandOff handOff) {
    EscalationSpec.Tier tier = handOff.tier();
    if (tier.channel() != EscalationSpec.Channel.EMAIL) {
      return;
    }
    if (tier.email().isEmpty()) {
      log.warn("email tier {} has no inbox; conversation {} stays in the {} queue only", tier.id(), conversation.id(), tier.team());
      return;
    }
    String reference = reference(conversation);
    HandoffPacket packet = handOff.packet();
    sending.submit(() -> {
      send(() -> toTeam(tier, handOff, packet, reference), "team", conversation);
      if (packet.customer().email() != null) {
        send(() -> toCustomer(tier, handOff, packet, reference), "customer", conversation);
      }
    });
  }

  private interface Compose {
    MimeMessage message() throws MessagingException;
  }

  private void send(Compose compose, String recipient, Conversation conversation) {
    try {
      MimeMessage message = compose.message();
      if (settings.username().isPresent()) {
        Transport.send(message, settings.username().get(), settings.password().orElse(""));
      } else {
        Transport.send(message);
      }
      meters.counter("baton.mail.sent", "to", recipient).increment();
      log.info("handoff email sent to the {} for conversation {}", recipient, conversation.id());
    } catch (MessagingException | RuntimeException e) {
      meters.counter("baton.mail.failures", "to", recipient).increment();
      log.error("handoff email to the {} failed for conversation {} via {}; it stays queued in the console", recipient,
          conversation.id(), settings, e);
    }
  }

  private MimeMessage toTeam(EscalationSpec.Tier tier, Decision.HandOff handOff, HandoffPacket packet, String reference)
      throws MessagingException {
    var message = new ReferencedMessage(session, MailReferences.messageId(reference, "team", settings.from(), random));
    message.setFrom(new InternetAddress(settings.from()));
    message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(tier.email().orElseThrow()));
    if (packet.customer().email() != null) {
      message.setReplyTo(InternetAddress.parse(packet.customer().email() + ", " + tier.email().orElseThrow()));
    }
    String who = packet.customer().name() != null ? packet.customer().name() : "A customer";
    message.setSubject("[" + reference + "] " + who + ": " + oneLine(packet.summary().request(), 70) + " (" + tier.name() + ")", "UTF-8");
    var text = new MimeBodyPart();
    text.setText(teamBody(handOff, packet, reference), "UTF-8");
    var attachment = new MimeBodyPart();
    attachment.setDataHandler(new DataHandler(new ByteArrayDataSource(Json.write(packet).getBytes(StandardCharsets.UTF_8),
        "application/json")));
    attachment.setFileName("handoff-packet-" + reference + ".json");
    message.setContent(new MimeMultipart(text, attachment));
    message.setHeader(MailReferences.HEADER, reference);
    return message;
  }

  private MimeMessage toCustomer(EscalationSpec.Tier tier, Decision.HandOff handOff, HandoffPacket packet, String reference)
      throws MessagingException {
    var message = new ReferencedMessage(session, MailReferences.messageId(reference, "customer", settings.from(), random));
    message.setFrom(new InternetAddress(settings.from()));
    message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(packet.customer().email()));
    if (tier.email().isPresent()) {
      message.setReplyTo(InternetAddress.parse(tier.email().get()));
    }
    message.setSubject("[" + reference + "] We have your message", "UTF-8");
    String hello = packet.customer().name() != null ? "Hi " + packet.customer().name() + ",\n\n" : "Hello,\n\n";
    message.setText(hello + "thank you for getting in touch. The " + handOff.team().name() + " team has your conversation and will reply"
        + " to this address within " + HandoffCopy.wait(tier.targetMinutes()) + ". Your reference is "
        + reference + "; keep it in the subject if you write back.\n\nWhat you asked:\n  " + packet.summary().request()
        + "\n\nThey can see the whole conversation, so there is no need to repeat anything.\n", "UTF-8");
    message.setHeader(MailReferences.HEADER, reference);
    return message;
  }

  /**
   * A message that keeps the Message-ID we gave it: Jakarta Mail otherwise mints its own when the
   * message is sent, and replies could no longer be matched by it.
   */
  private static final class ReferencedMessage extends MimeMessage {
    private final String messageId;

    ReferencedMessage(Session session, String messageId) {
      super(session);
      this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", messageId);
    }
  }

  /** Summary first, so the agent can act without scrolling; the transcript after. */
  static String teamBody(Decision.HandOff handOff, HandoffPacket packet, String reference) {
    var body = new StringBuilder();
    HandoffPacket.Customer customer = packet.customer();
    body.append("Reference: ").append(reference).append('\n');
    body.append("Customer: ").append(value(customer.name())).append(" <").append(value(customer.email())).append(">");
    if (customer.phone() != null) {
      body.append(", ").append(customer.phone());
    }
    body.append('\n');
    if (!customer.orderIds().isEmpty()) {
      body.append("Order: ").append(String.join(", ", customer.orderIds())).append('\n');
    }
    body.append("Wants: ").append(packet.summary().request()).append('\n');
    body.append("Feels: ").append(packet.sentiment().frustration()).append(" frustration");
    if (!packet.sentiment().cues().isEmpty()) {
      body.append(" (").append(String.join("; ", packet.sentiment().cues())).append(')');
    }
    body.append('\n');
    body.append("Why escalated: ").append(handOff.detail()).append('\n');
    body.append("Reply within: ").append(HandoffCopy.wait(handOff.tier().targetMinutes())).append(" (").append(handOff.tier().name())
        .append(" tier)\n");
    if (!packet.summary().botTried().isEmpty()) {
      body.append("\nThe bot already answered with:\n");
      packet.summary().botTried().forEach(tried -> body.append("  - ").append(tried.title()).append(" (").append(tried.url()).append(")\n"));
    }
    if (!packet.summary().details().isEmpty()) {
      body.append("\nDetails collected:\n");
      packet.summary().details().forEach(detail -> body.append("  - ").append(detail.label()).append(": ").append(detail.value()).append('\n'));
    }
    if (!packet.summary().missing().isEmpty()) {
      body.append("\nStill missing:\n");
      packet.summary().missing().forEach(missing -> body.append("  - ").append(missing.label()).append('\n'));
    }
    body.append("\nTranscript:\n");
    for (TurnContext.Line line : packet.transcript()) {
      String author = line.authorName() != null ? line.authorName() + " (" + line.author() + ")" : line.author();
      body.append('[').append(TIME.format(line.createdAt())).append("] ").append(author).append(": ").append(line.text()).append('\n');
    }
    body.append("\nThe full context packet is attached as JSON (schema baton.handoff-packet, version ").append(packet.version()).append(").\n");
    return body.toString();
  }

  private static String value(String text) {
    return text == null ? "unknown" : text;
  }

  private static String oneLine(String text, int max) {
    String line = text.replaceAll("\\s+", " ").strip();
    return line.length() > max ? line.substring(0, max - 1) + "…" : line;
  }

  @Override
  public void close() {
    sending.shutdown();
    try {
      if (!sending.awaitTermination(10, TimeUnit.SECONDS)) {
        sending.shutdownNow();
      }
    } catch (InterruptedException e) {
      sending.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
