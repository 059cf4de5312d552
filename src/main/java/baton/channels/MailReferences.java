package baton.channels;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.Locale;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a mail names its Baton conversation. A reference ({@code BTN-} and 8 hex digits) travels in
 * three places: the subject (people keep it when they write back, and can type it), our Message-ID
 * (mail clients copy it into a reply's In-Reply-To and References even when the subject is changed)
 * and the {@code X-Baton-Reference} header of the mail we sent. Our Message-IDs look like
 * {@code <btn-4f2c31bc.team.k2j9x0q1mz7a@kestrel.example>}: the reference, who it went to, a random
 * part so no two are alike, and the domain of our From address as RFC 5322 asks. Stateless.
 */
final class MailReferences {
  static final String HEADER = "X-Baton-Reference";
  private static final Pattern IN_SUBJECT = Pattern.compile("\\[\\s*BTN-([0-9A-F]{8})\\s*]", Pattern.CASE_INSENSITIVE);
  private static final Pattern BARE = Pattern.compile("^\\s*BTN-([0-9A-F]{8})\\s*$", Pattern.CASE_INSENSITIVE);
  private static final Pattern MESSAGE_ID =
      Pattern.compile("<btn-([0-9a-f]{8})\\.([a-z]+)\\.([0-9a-z]+)@([^<>\\s]+)>", Pattern.CASE_INSENSITIVE);

  private MailReferences() {}

  /** A fresh Message-ID for a mail about this conversation to {@code recipient} ("team", "customer"). */
  static String messageId(String reference, String recipient, String from, RandomGenerator random) {
    Matcher bare = BARE.matcher(reference);
    if (!bare.matches() || !recipient.matches("[a-z]+")) {
      throw new IllegalArgumentException("not a reference and recipient: " + reference + ", " + recipient);
    }
    String unique = Long.toString(random.nextLong() >>> 1, 36);
    return "<btn-" + bare.group(1).toLowerCase(Locale.ROOT) + "." + recipient + "." + unique + "@" + domainOf(from) + ">";
  }

  static Optional<String> inSubject(String subject) {
    if (subject == null) {
      return Optional.empty();
    }
    Matcher matcher = IN_SUBJECT.matcher(subject);
    return matcher.find() ? Optional.of(reference(matcher.group(1))) : Optional.empty();
  }

  /** The first of our Message-IDs in an In-Reply-To or References value (which may list many). */
  static Optional<String> inMessageIds(String header) {
    if (header == null) {
      return Optional.empty();
    }
    Matcher matcher = MESSAGE_ID.matcher(header);
    return matcher.find() ? Optional.of(reference(matcher.group(1))) : Optional.empty();
  }

  /** The value of an {@code X-Baton-Reference} header, if it is one. */
  static Optional<String> inHeader(String header) {
    if (header == null) {
      return Optional.empty();
    }
    Matcher matcher = BARE.matcher(header);
    return matcher.matches() ? Optional.of(reference(matcher.group(1))) : Optional.empty();
  }

  /** Whether this Message-ID is one we minted, that is, the mail is our own. */
  static boolean isOurs(String messageId) {
    return messageId != null && MESSAGE_ID.matcher(messageId.strip()).matches();
  }

  private static String reference(String hex) {
    return "BTN-" + hex.toUpperCase(Locale.ROOT);
  }

  private static String domainOf(String from) {
    try {
      String address = new InternetAddress(from).getAddress();
      int at = address.lastIndexOf('@');
      String domain = at >= 0 ? address.substring(at + 1) : "";
      // A From without a domain still needs one; "baton.invalid" cannot collide with a real host.
      return domain.matches("[A-Za-z0-9.-]+") ? domain.toLowerCase(Locale.ROOT) : "baton.invalid";
    } catch (AddressException e) {
      return "baton.invalid";
    }
  }
}
