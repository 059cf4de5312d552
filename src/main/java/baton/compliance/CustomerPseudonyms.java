package baton.compliance;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jdbi.v3.core.Jdbi;

/**
 * The stable pseudonym under which a customer appears in the audit log: HMAC-SHA256 of the customer id
 * keyed with a server secret, in hex. The same customer always gets the same pseudonym, so their trail
 * can be followed; without the secret it cannot be linked back to them. On an erasure request the
 * customer row is deleted and the log stays as it is: the pseudonym then points at no one. (Lose the
 * secret and the link is gone for everyone; rotate it and old and new entries stop matching. Keep it
 * with the other server secrets, the same on every node.)
 *
 * <p>Thread-safe: a {@link Mac} is made per call, since {@code Mac} itself is not.
 */
public final class CustomerPseudonyms {
  private static final int MIN_SECRET_BYTES = 32;
  private static final String SECRET_NAME = "customer_pseudonyms";
  private final SecretKeySpec key;

  private CustomerPseudonyms(byte[] secret) {
    this.key = new SecretKeySpec(secret, "HmacSHA256");
  }

  /** Pseudonyms keyed with {@code secret}, at least 32 bytes of it (as random as the server can make). */
  public static CustomerPseudonyms withSecret(byte[] secret) {
    requireNonNull(secret, "secret");
    if (secret.length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException("the pseudonym secret must be at least " + MIN_SECRET_BYTES + " bytes");
    }
    return new CustomerPseudonyms(Arrays.copyOf(secret, secret.length));
  }

  /**
   * Pseudonyms keyed with the secret kept in the database ({@code server_secrets}), made from 32 random
   * bytes the first time any node or command asks. Keeping it with the data means every node and
   * {@code baton customer erase} agree without configuration; it links nothing once the customer rows
   * are gone, because the customer ids it was applied to are gone with them.
   */
  public static CustomerPseudonyms keptIn(Jdbi jdbi, Clock clock) {
    requireNonNull(jdbi, "jdbi");
    Optional<String> stored = storedSecret(jdbi);
    if (stored.isEmpty()) {
      byte[] random = new byte[32];
      new SecureRandom().nextBytes(random);
      try {
        jdbi.useHandle(handle -> handle.createUpdate("insert into server_secrets (name, secret, created_at) values (:name, :secret, :now)")
            .bind("name", SECRET_NAME)
            .bind("secret", HexFormat.of().formatHex(random))
            .bind("now", clock.instant().atOffset(ZoneOffset.UTC))
            .execute());
      } catch (RuntimeException e) {
        // Another node made it first (the primary key refused ours): use theirs.
      }
      stored = storedSecret(jdbi);
    }
    return withSecret(HexFormat.of().parseHex(stored.orElseThrow(() -> new IllegalStateException("cannot store the pseudonym secret"))));
  }

  private static Optional<String> storedSecret(Jdbi jdbi) {
    return jdbi.withHandle(handle -> handle.createQuery("select secret from server_secrets where name = :name")
        .bind("name", SECRET_NAME).mapTo(String.class).findOne());
  }

  /** As {@link #withSecret(byte[])} with the UTF-8 bytes of a configured secret. */
  public static CustomerPseudonyms withSecret(String secret) {
    return withSecret(requireNonNull(secret, "secret").getBytes(StandardCharsets.UTF_8));
  }

  /** 64 hex digits, the same for the same customer under the same secret. */
  public String pseudonymOf(UUID customerId) {
    requireNonNull(customerId, "customerId");
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return HexFormat.of().formatHex(mac.doFinal(customerId.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("every Java runtime has HmacSHA256", e);
    }
  }

  /** The actor (or subject) that names this customer in an {@link AuditEvent}: {@code customer:<pseudonym>}. */
  public String actorFor(UUID customerId) {
    return "customer:" + pseudonymOf(customerId);
  }
}
