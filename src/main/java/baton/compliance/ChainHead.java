package baton.compliance;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/**
 * The end of the audit chain: the last seq and its hash, written {@code SEQ:HASH}. Recorded outside
 * the database (a ticket, a printed report, another system), it is the anchor that lets
 * {@link AuditLog#verify(ChainHead)} notice a chain rewritten or cut short by someone who could write
 * to the database. Seq 0 with 64 zeros is the head of the empty log.
 */
public record ChainHead(long seq, String hash) {
  private static final Pattern HEX_64 = Pattern.compile("[0-9a-f]{64}");

  public ChainHead {
    requireNonNull(hash, "hash");
    if (seq < 0) {
      throw new IllegalArgumentException("seq must not be negative");
    }
    if (!HEX_64.matcher(hash).matches()) {
      throw new IllegalArgumentException("hash must be 64 lower-case hex digits");
    }
  }

  public static ChainHead empty() {
    return new ChainHead(0, ChainHash.GENESIS);
  }

  /** Reads {@code SEQ:HASH} as printed by {@code baton audit head}. */
  public static ChainHead parse(String text) {
    int colon = text.indexOf(':');
    if (colon < 1) {
      throw new IllegalArgumentException("expected SEQ:HASH as printed by `baton audit head`, not " + text);
    }
    try {
      return new ChainHead(Long.parseLong(text.substring(0, colon).trim()), text.substring(colon + 1).trim().toLowerCase(java.util.Locale.ROOT));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected SEQ:HASH as printed by `baton audit head`, not " + text, e);
    }
  }

  @Override
  public String toString() {
    return seq + ":" + hash;
  }
}
