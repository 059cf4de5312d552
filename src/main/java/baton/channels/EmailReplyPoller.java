package baton.channels;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.Address;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.search.FlagTerm;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads replies to handoff mail from an IMAP mailbox and hands each to an {@link InboundEmailHandler}.
 *
 * <p>The mailbox's SEEN flag is the only state: a poll takes the unread messages of the folder, oldest
 * first, and a message becomes read only once it is dealt with. Reading a body does not mark it
 * (bodies are fetched with {@code BODY.PEEK}), so a crash at any point leaves the message unread and
 * the next poll offers it again: a reply can arrive twice (the handler gets {@link
 * InboundEmail#deduplicationKey()} for that) but is never lost. Each unread message ends one way:
 * <ul>
 *   <li><b>delivered</b> — it names a conversation (see {@link MailReferences}: subject, then
 *       In-Reply-To/References, then {@code X-Baton-Reference}) and the handler returned: marked read;
 *   <li><b>failed</b> — the handler threw: left unread, logged, offered again next poll. Later mail
 *       of the same conversation waits in this poll too, so a conversation's replies keep their order;
 *   <li><b>unmatched</b> — no reference anywhere, or no sender: marked read, logged at info and counted
 *       ({@code baton.mail.inbound.unmatched}); people still see it in their mail client;
 *   <li><b>ignored</b> — our own handoff mail (the team inbox receives it too) or an automatic reply
 *       (out-of-office, bounce): marked read and counted ({@code baton.mail.inbound.ignored}).
 * </ul>
 * A poll that cannot reach or log in to the server is logged and counted and tried again at the next
 * interval; {@link #pollOnce()} never throws, so the polling thread never dies. At most {@value
 * #MAX_PER_POLL} messages are taken per poll; the rest wait for the next.
 *
 * <p>Thread-safe: polls never overlap (a lock), whether from the virtual thread {@link #start()}
 * starts or from a caller of {@link #pollOnce()}.
 */
public final class EmailReplyPoller implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmailReplyPoller.class);
  static final int MAX_PER_POLL = 100;
  private static final int MAX_BODY_BYTES = 1_000_000;

  /** What one poll did; {@code error} is set when the mailbox could not be read at all. */
  public record PollReport(int delivered, int failed, int unmatched, int ignored, Optional<String> error) {
    public PollReport {
      requireNonNull(error, "error");
    }

    static PollReport unreachable(String error) {
      return new PollReport(0, 0, 0, 0, Optional.of(error));
    }

    public boolean reachedMailbox() {
      return error.isEmpty();
    }
  }

  private final ImapSettings settings;
  private final InboundEmailHandler handler;
  private final MeterRegistry meters;
  private final Clock clock;
  private final Session session;
  private final ReentrantLock polling = new ReentrantLock();
  private final CountDownLatch closed = new CountDownLatch(1);
  private Thread thread;

  public EmailReplyPoller(ImapSettings settings, InboundEmailHandler handler, MeterRegistry meters, Clock clock) {
    this.settings = requireNonNull(settings, "settings");
    this.handler = requireNonNull(handler, "handler");
    this.meters = requireNonNull(meters, "meters");
    this.clock = requireNonNull(clock, "clock");
    var properties = new Properties();
    for (String protocol : new String[] {"imap", "imaps"}) {
      properties.put("mail." + protocol + ".connectiontimeout", "10000");
      properties.put("mail." + protocol + ".timeout", "30000");
      properties.put("mail." + protocol + ".writetimeout", "30000");
      // Reading a body must not mark the message read: only a handled message is.
      properties.put("mail." + protocol + ".peek", "true");
    }
    properties.put("mail.imaps.ssl.checkserveridentity", "true");
    this.session = Session.getInstance(properties);
  }

  /** Starts polling every {@link ImapSettings#pollInterval()}, the first poll at once. */
  public void start() {
    start(() -> true);
  }

  /**
   * As {@link #start()}, polling only when {@code mayPoll} says so at each interval: in a cluster,
   * one node reads the mailbox at a time, so two nodes never import the same reply at once.
   */
  public synchronized void start(java.util.function.BooleanSupplier mayPoll) {
    if (thread != null) {
      throw new IllegalStateException("already started");
    }
    thread = Thread.ofVirtual().name("imap-poll").start(() -> pollUntilClosed(mayPoll));
    log.info("reading email replies from {}", settings);
  }

  private void pollUntilClosed(java.util.function.BooleanSupplier mayPoll) {
    try {
      do {
        if (mayPoll.getAsBoolean()) {
          pollOnce();
        }
      } while (!closed.await(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** One look at the mailbox. Never throws: trouble with the server is in the report and the log. */
  public PollReport pollOnce() {
    polling.lock();
    try (Store store = session.getStore(settings.ssl() ? "imaps" : "imap")) {
      store.connect(settings.host(), settings.port(), settings.username(), settings.password());
      Folder folder = store.getFolder(settings.folder());
      folder.open(Folder.READ_WRITE);
      try {
        return poll(folder);
      } finally {
        folder.close(false);
      }
    } catch (MessagingException | RuntimeException e) {
      meters.counter("baton.mail.inbound.poll.failures").increment();
      log.warn("could not read email replies from {}; trying again in {}s: {}", settings, settings.pollInterval().toSeconds(),
          e.toString());
      return PollReport.unreachable(e.toString());
    } finally {
      polling.unlock();
    }
  }

  private PollReport poll(Folder folder) throws MessagingException {
    Message[] unread = folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
    Arrays.sort(unread, Comparator.comparingInt(Message::getMessageNumber));
    if (unread.length > MAX_PER_POLL) {
      unread = Arrays.copyOf(unread, MAX_PER_POLL);
    }
    var headers = new FetchProfile();
    headers.add(FetchProfile.Item.ENVELOPE);
    headers.add(UIDFolder.FetchProfileItem.UID);
    for (String name : new String[] {"In-Reply-To", "References", MailReferences.HEADER, "Auto-Submitted", "Precedence",
        "X-Autoreply", "X-Autorespond"}) {
      headers.add(name);
    }
    folder.fetch(unread, headers);
    int delivered = 0;
    int failed = 0;
    int unmatched = 0;
    int ignored = 0;
    Set<String> waiting = new HashSet<>();
    for (Message message : unread) {
      try {
        String messageId = messageId(folder, message);
        if (MailReferences.isOurs(messageId) || isAutomatic(message)) {
          meters.counter("baton.mail.inbound.ignored", "reason", MailReferences.isOurs(messageId) ? "own" : "automatic").increment();
          message.setFlag(Flags.Flag.SEEN, true);
          ignored++;
          continue;
        }
        Optional<String> reference = reference(message);
        Optional<InternetAddress> from = from(message);
        if (reference.isEmpty() || from.isEmpty()) {
          String reason = reference.isEmpty() ? "no-reference" : "no-sender";
          meters.counter("baton.mail.inbound.unmatched", "reason", reason).increment();
          log.info("email {} ({}) names no Baton conversation or sender; marked read and left for people", messageId, reason);
          message.setFlag(Flags.Flag.SEEN, true);
          unmatched++;
          continue;
        }
        if (waiting.contains(reference.get())) {
          continue; // an earlier reply of this conversation failed; keep the order
        }
        InboundEmail email = new InboundEmail(reference.get(), messageId, from.get().getAddress().toLowerCase(Locale.ROOT),
            Optional.ofNullable(from.get().getPersonal()).map(String::strip).filter(name -> !name.isEmpty()),
            Optional.ofNullable(message.getSubject()).orElse(""), text(message),
            Optional.ofNullable(message.getReceivedDate()).map(Date::toInstant).orElseGet(clock::instant));
        try {
          handler.handle(email);
        } catch (Exception e) {
          meters.counter("baton.mail.inbound.failures").increment();
          log.warn("handling email {} for {} failed; it stays unread and is offered again at the next poll", messageId,
              reference.get(), e);
          waiting.add(reference.get());
          failed++;
          continue;
        }
        message.setFlag(Flags.Flag.SEEN, true);
        meters.counter("baton.mail.inbound.delivered").increment();
        delivered++;
      } catch (MessagingException | IOException | RuntimeException e) {
        // One unreadable message must not hold up the others; it stays unread.
        meters.counter("baton.mail.inbound.failures").increment();
        log.warn("could not read email {} in {}; it stays unread", message.getMessageNumber(), settings, e);
        failed++;
      }
    }
    if (unread.length > 0) {
      log.info("email replies: {} delivered, {} failed, {} unmatched, {} ignored", delivered, failed, unmatched, ignored);
    }
    return new PollReport(delivered, failed, unmatched, ignored, Optional.empty());
  }

  private static String messageId(Folder folder, Message message) throws MessagingException {
    String[] ids = message.getHeader("Message-ID");
    if (ids != null && ids.length > 0 && !ids[0].isBlank()) {
      return ids[0].strip();
    }
    // Rare, but the handler still needs a stable key: the mailbox's own name for the message.
    long uid = folder instanceof UIDFolder uids ? uids.getUID(message) : message.getMessageNumber();
    return "<uid-" + uid + "." + folder.getFullName() + "@imap>";
  }

  private static Optional<String> reference(Message message) throws MessagingException {
    Optional<String> reference = MailReferences.inSubject(message.getSubject());
    if (reference.isEmpty()) {
      reference = MailReferences.inMessageIds(header(message, "In-Reply-To"));
    }
    if (reference.isEmpty()) {
      reference = MailReferences.inMessageIds(header(message, "References"));
    }
    if (reference.isEmpty()) {
      reference = MailReferences.inHeader(header(message, MailReferences.HEADER));
    }
    return reference;
  }

  /** Out-of-office and bounce mail must not become "the customer wrote". */
  private static boolean isAutomatic(Message message) throws MessagingException {
    String autoSubmitted = header(message, "Auto-Submitted");
    String precedence = header(message, "Precedence");
    return (autoSubmitted != null && !autoSubmitted.strip().equalsIgnoreCase("no"))
        || (precedence != null && precedence.strip().toLowerCase(Locale.ROOT).matches("bulk|junk|list|auto_reply"))
        || header(message, "X-Autoreply") != null || header(message, "X-Autorespond") != null;
  }

  private static String header(Message message, String name) throws MessagingException {
    String[] values = message.getHeader(name);
    return values == null || values.length == 0 ? null : String.join(" ", values);
  }

  private static Optional<InternetAddress> from(Message message) throws MessagingException {
    Address[] from = message.getFrom();
    if (from == null || from.length == 0 || !(from[0] instanceof InternetAddress address) || address.getAddress() == null
        || !address.getAddress().contains("@")) {
      return Optional.empty();
    }
    return Optional.of(address);
  }

  /** The first plain-text part that is not an attachment; else the first HTML part, as text. */
  static String text(Part message) throws MessagingException, IOException {
    Optional<String> plain = firstBody(message, "text/plain");
    if (plain.isPresent()) {
      return ReplyText.fromPlain(plain.get());
    }
    return firstBody(message, "text/html").map(ReplyText::fromHtml).orElse("");
  }

  private static Optional<String> firstBody(Part part, String type) throws MessagingException, IOException {
    if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
      return Optional.empty();
    }
    if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        Optional<String> found = firstBody(multipart.getBodyPart(i), type);
        if (found.isPresent()) {
          return found;
        }
      }
      return Optional.empty();
    }
    return part.isMimeType(type) ? Optional.of(decode(part)) : Optional.empty();
  }

  /** The part's text in its declared charset, or UTF-8 when that charset is unknown; at most 1 MB. */
  private static String decode(Part part) throws MessagingException, IOException {
    byte[] bytes;
    try (InputStream in = part.getInputStream()) {
      bytes = in.readNBytes(MAX_BODY_BYTES);
    }
    String charset = null;
    try {
      charset = new ContentType(part.getContentType()).getParameter("charset");
    } catch (MessagingException e) {
      // A malformed Content-Type: read it as UTF-8 below.
    }
    if (charset != null) {
      try {
        return new String(bytes, Charset.forName(MimeUtility.javaCharset(charset)));
      } catch (IllegalArgumentException e) {
        // An unknown or malformed charset name: read it as UTF-8 below.
      }
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** Stops polling; a poll under way finishes first. */
  @Override
  public void close() {
    closed.countDown();
    Thread running;
    synchronized (this) {
      running = thread;
    }
    if (running != null) {
      try {
        running.join(TimeUnit.SECONDS.toMillis(40));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
