package baton.channels;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The webhook signature, Stripe-style: {@code X-Baton-Signature: sha256=<hex>}, the lower-case hex
 * HMAC-SHA256, keyed with the endpoint's secret (its UTF-8 bytes), of {@code <X-Baton-Timestamp>.<raw
 * body>}. The timestamp (Unix seconds) is signed with the body so a receiver can refuse a captured
 * request replayed later: it checks the signature, then that the timestamp is recent. Each attempt is
 * signed afresh, so a retry hours later still carries a current timestamp. Stateless and thread-safe.
 */
public final class Signature {
  public static final String PREFIX = "sha256=";
  /** What receivers should allow between our clock and theirs, and for the request in flight. */
  public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

  private Signature() {}

  /** The {@code X-Baton-Signature} value for this timestamp (Unix seconds) and body. */
  public static String sign(String secret, long timestamp, String body) {
    return PREFIX + HexFormat.of().formatHex(hmac(secret, timestamp + "." + body));
  }

  /**
   * Whether a received request is authentic and fresh: {@code header} is a valid signature of {@code
   * body} at {@code timestamp} under {@code secret}, and the timestamp is within {@code tolerance} of
   * {@code clock}. Takes the headers as received (strings, possibly null) so a receiver can pass them
   * straight through; anything malformed is simply not valid. Compares in constant time.
   */
  public static boolean verify(String secret, String timestamp, String body, String header, Duration tolerance, Clock clock) {
    if (secret == null || timestamp == null || body == null || header == null || !header.startsWith(PREFIX)) {
      return false;
    }
    long seconds;
    try {
      seconds = Long.parseLong(timestamp.strip());
    } catch (NumberFormatException e) {
      return false;
    }
    Duration skew = Duration.between(Instant.ofEpochSecond(seconds), clock.instant()).abs();
    if (skew.compareTo(tolerance) > 0) {
      return false;
    }
    byte[] expected = sign(secret, seconds, body).getBytes(StandardCharsets.US_ASCII);
    byte[] given = header.strip().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, given);
  }

  private static byte[] hmac(String secret, String content) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(content.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
