package baton.compliance;

import static java.util.Objects.requireNonNull;

import baton.platform.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Something to write down in the {@link AuditLog}: who ({@code actor}) did what ({@code action}) to
 * which thing ({@code subject}), with {@code details} as a JSON object.
 *
 * <p>Formats: actor {@code agent:<agent id>}, {@code bot}, {@code system} or
 * {@code customer:<pseudonym>}; subject e.g. {@code conversation:<uuid>}; action a lower-case word
 * such as {@code handoff}, {@code claim}, {@code redaction}.
 *
 * <p>The rule that lets erasure requests leave the log untouched: a customer appears only as the
 * pseudonym from {@link CustomerPseudonyms}, never by id, name, email or words they typed. The log
 * cannot be rewritten (that is its point), so anything personal put into it stays for good. An
 * actor or subject starting with {@code customer:} is refused unless it is a pseudonym; what goes
 * into {@code details} is the caller's responsibility.
 */
public record AuditEvent(String actor, String action, String subject, String details) {
  static final int MAX_ACTOR = 200;
  static final int MAX_SUBJECT = 200;
  static final int MAX_DETAILS = 100_000;
  private static final Pattern ACTION = Pattern.compile("[a-z][a-z0-9_]{0,63}");
  private static final Pattern CUSTOMER = Pattern.compile("customer:[0-9a-f]{64}");

  public AuditEvent {
    requireNonNull(actor, "actor");
    requireNonNull(action, "action");
    requireNonNull(subject, "subject");
    requireNonNull(details, "details");
    checkName("actor", actor, MAX_ACTOR);
    checkName("subject", subject, MAX_SUBJECT);
    if (!ACTION.matcher(action).matches()) {
      throw new IllegalArgumentException("action must be a lower-case word of at most 64 characters: " + action);
    }
    if (details.length() > MAX_DETAILS) {
      throw new IllegalArgumentException("details must be at most " + MAX_DETAILS + " characters");
    }
    if (!isJsonObject(details)) {
      throw new IllegalArgumentException("details must be a JSON object");
    }
  }

  /** An event whose details are written as compact JSON with keys in alphabetical order. */
  public static AuditEvent of(String actor, String action, String subject, Map<String, ?> details) {
    return new AuditEvent(actor, action, subject, Json.write(new TreeMap<>(details)));
  }

  /** An event without details. */
  public static AuditEvent of(String actor, String action, String subject) {
    return new AuditEvent(actor, action, subject, "{}");
  }

  private static void checkName(String field, String value, int max) {
    if (value.isBlank() || value.length() > max) {
      throw new IllegalArgumentException(field + " must be 1-" + max + " characters");
    }
    if (value.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException(field + " must not contain control characters");
    }
    if (value.startsWith("customer:") && !CUSTOMER.matcher(value).matches()) {
      throw new IllegalArgumentException(field + " names a customer without a pseudonym; use CustomerPseudonyms.actorFor");
    }
  }

  private static boolean isJsonObject(String details) {
    try {
      JsonNode node = Json.readTree(details);
      return node != null && node.isObject();
    } catch (UncheckedIOException e) {
      return false;
    }
  }
}
