package baton.compliance;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * The canonical form an audit entry is hashed over, and the hash. Fields are netstrings
 * ({@code <UTF-8 byte length>:<bytes>,}) so no value, however it is written, can shift bytes into
 * its neighbour; the first field names the format version so it can change without ambiguity:
 *
 * <pre>
 * 14:baton-audit-v1,  seq  occurred_at  actor  action  subject  details  prev_hash
 * </pre>
 *
 * seq in decimal, occurred_at as {@code uuuu-MM-ddTHH:mm:ss.SSSSSSZ} (UTC, always six digits),
 * details exactly as stored. Stateless; thread-safe.
 */
final class ChainHash {
  static final String GENESIS = "0".repeat(64);
  static final String VERSION = "baton-audit-v1";
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
      .withZone(ZoneOffset.UTC);

  private ChainHash() {}

  static String of(long seq, Instant occurredAt, String actor, String action, String subject, String details, String prevHash) {
    var canonical = new StringBuilder(details.length() + 256);
    for (String field : new String[] {VERSION, Long.toString(seq), time(occurredAt), actor, action, subject, details, prevHash}) {
      canonical.append(field.getBytes(StandardCharsets.UTF_8).length).append(':').append(field).append(',');
    }
    return HexFormat.of().formatHex(sha256().digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
  }

  /** The time as hashed and exported; finer than microseconds is refused, since it would not survive storage. */
  static String time(Instant instant) {
    if (!instant.truncatedTo(ChronoUnit.MICROS).equals(instant)) {
      throw new IllegalArgumentException("audit times have microsecond precision: " + instant);
    }
    return TIME.format(instant);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
